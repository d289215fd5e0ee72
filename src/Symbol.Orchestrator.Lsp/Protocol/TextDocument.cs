namespace Symbol.Orchestrator.Lsp.Protocol;

// The ways LSP names a document: by URI alone, with the version the client is at, or whole (on open).

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record DocumentParams(TextDocumentIdentifier TextDocument);
