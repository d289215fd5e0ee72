namespace Symbol.Orchestrator.Lsp.Protocol;

internal sealed record Location(string Uri, Range Range);
