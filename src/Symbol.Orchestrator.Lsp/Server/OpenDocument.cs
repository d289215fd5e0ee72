namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// A document the editor has open: its text as the user sees it (unsaved edits included) and the version the client
/// gave it. <paramref name="Path"/> is the file's full path, or the URI itself for a document with no file (<c>untitled:</c>).
/// </summary>
internal sealed record OpenDocument(string Uri, string Path, string Text, int Version);
