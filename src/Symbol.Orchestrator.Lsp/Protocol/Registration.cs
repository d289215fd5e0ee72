namespace Symbol.Orchestrator.Lsp.Protocol;

// client/registerCapability: the server asks the client to watch files for it (workspace/didChangeWatchedFiles).

internal sealed record Registration(string Id, string Method, object? RegisterOptions = null);

internal sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

internal sealed record FileSystemWatcher(string GlobPattern);

internal sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

internal sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);

internal sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);
