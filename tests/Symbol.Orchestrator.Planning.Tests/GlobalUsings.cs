global using Symbol.Orchestrator.Language;
global using Symbol.Orchestrator.Language.Planning;
