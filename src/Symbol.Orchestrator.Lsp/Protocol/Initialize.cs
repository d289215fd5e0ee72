namespace Symbol.Orchestrator.Lsp.Protocol;

// The handshake: what the client tells of the workspace, and what the server can do.

internal sealed record WorkspaceFolder(string Uri, string Name);

internal sealed record InitializeParams(int? ProcessId = null, string? RootUri = null, string? RootPath = null, IReadOnlyList<WorkspaceFolder>? WorkspaceFolders = null);

internal sealed record SaveOptions(bool IncludeText);

internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    CompletionOptions CompletionProvider,
    bool HoverProvider,
    bool DefinitionProvider,
    bool DocumentSymbolProvider,
    bool DocumentFormattingProvider);

internal sealed record ServerInfo(string Name, string? Version);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
