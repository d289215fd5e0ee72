namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>A place in a document as LSP counts it: 0-based line, and character in UTF-16 code units (a .NET string's chars).</summary>
internal sealed record Position(int Line, int Character);
