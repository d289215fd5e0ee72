namespace Symbol.Orchestrator.Lsp.Protocol;

// What the client sends as the user opens, edits, saves and closes documents, and as files change on disk.

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>Applied in order; each either replaces the whole text (<paramref name="Range"/> null) or the range given.</summary>
internal sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text = null);

/// <summary><paramref name="Type"/>: 1 created, 2 changed, 3 deleted.</summary>
internal sealed record FileEvent(string Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

/// <summary>How the client sends changes: this server takes <see cref="Incremental"/> (only the edited range).</summary>
internal static class TextDocumentSyncKind
{
    public const int Full = 1;
    public const int Incremental = 2;
}
