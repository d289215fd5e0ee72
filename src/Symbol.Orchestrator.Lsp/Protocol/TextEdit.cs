namespace Symbol.Orchestrator.Lsp.Protocol;

internal sealed record TextEdit(Range Range, string NewText);
