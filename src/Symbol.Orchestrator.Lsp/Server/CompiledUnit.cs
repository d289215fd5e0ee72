using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// A unit's compilation with the texts it compiled (to turn diagnostics into ranges in the same text) and the open
/// documents among them, whose versions the diagnostics are for.
/// </summary>
internal sealed record CompiledUnit(CompileUnit Unit, FlowCompilation Compilation, IReadOnlyDictionary<string, string> Texts, IReadOnlyDictionary<string, OpenDocument> Documents);
