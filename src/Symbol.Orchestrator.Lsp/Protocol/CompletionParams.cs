namespace Symbol.Orchestrator.Lsp.Protocol;

/// <summary>A completion request: where, and what set it off (<see cref="CompletionContext"/>; absent from older clients).</summary>
internal sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context = null);

/// <summary><see cref="TriggerKind"/> 1: asked for (Ctrl+Space) or typing a word; 2: a trigger character, named; 3: completing an incomplete list again.</summary>
internal sealed record CompletionContext(int TriggerKind, string? TriggerCharacter = null);
