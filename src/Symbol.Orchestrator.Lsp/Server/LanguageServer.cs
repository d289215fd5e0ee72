using System.Reflection;
using System.Text.Json;
using StreamJsonRpc;
using Symbol.Orchestrator.Lsp.Protocol;
using FileSystemWatcher = Symbol.Orchestrator.Lsp.Protocol.FileSystemWatcher;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The server's lifecycle and document synchronization: <c>initialize</c> (the capabilities), <c>shutdown</c> and
/// <c>exit</c>, and the notifications that keep <see cref="Workspace"/> in step with the editor, each of which has the
/// diagnostics published again. The language features are served beside it by <c>LanguageFeatures</c>.
/// </summary>
/// <param name="request">Sends a request to the client (<c>client/registerCapability</c>), completing with its reply.</param>
internal sealed class LanguageServer(Workspace workspace, DiagnosticsPublisher diagnostics, ServerLog log, Func<string, object, Task> request)
{
    /// <summary>What a change on disk may change: the .flow files, the scripts they run, the settings.</summary>
    private static readonly string[] WatchedFiles = ["**/*.flow", "**/*.js", "**/orchestrator.json"];

    private bool _mayWatchFiles;

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the exit code when the client sends <c>exit</c>: 0 after <c>shutdown</c>, 1 without (the protocol's rule).</summary>
    public Task<int> Exited => _exited.Task;

    public bool ShutDown { get; private set; }

    public static string Version { get; } =
        typeof(LanguageServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    [JsonRpcMethod("initialize")]
    public InitializeResult Initialize(InitializeParams? parameters)
    {
        var folders = parameters?.WorkspaceFolders?.Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>().ToList() ?? [];
        if (folders.Count == 0 && (DocumentUri.ToPath(parameters?.RootUri) ?? RootPath(parameters?.RootPath)) is { } root)
            folders.Add(root);
        workspace.Folders = folders;
        _mayWatchFiles = parameters?.Capabilities?.Workspace?.DidChangeWatchedFiles?.DynamicRegistration == true;
        log.Info($"orchestrator lsp {Version}; workspace folders: {(folders.Count == 0 ? "none" : string.Join(", ", folders))}");
        return new InitializeResult(Capabilities, new ServerInfo("orchestrator", Version));
    }

    /// <summary>Everything the issue asks of the server, announced from the start.</summary>
    public static ServerCapabilities Capabilities { get; } = new(
        new TextDocumentSyncOptions(OpenClose: true, TextDocumentSyncKind.Incremental, new SaveOptions(IncludeText: false)),
        new CompletionOptions(["\"", ">", " ", "/"]),
        HoverProvider: true,
        DefinitionProvider: true,
        DocumentSymbolProvider: true,
        DocumentFormattingProvider: true);

    /// <summary>Asks the client to tell of files created, changed and deleted outside the editor, if it can.</summary>
    [JsonRpcMethod("initialized")]
    public void Initialized()
    {
        if (!_mayWatchFiles)
            return;
        var watch = new Registration("orchestrator-files", "workspace/didChangeWatchedFiles",
            new DidChangeWatchedFilesRegistrationOptions([.. WatchedFiles.Select(glob => new FileSystemWatcher(glob))]));
        // Not awaited: only the folder listing waits on the answer, and it works without one (listed on every change).
        _ = request("client/registerCapability", new RegistrationParams([watch])).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                workspace.Listing.Watched = true;
            else
                log.Error($"the client refused to watch files: {t.Exception?.GetBaseException().Message}");
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    [JsonRpcMethod("workspace/didChangeWorkspaceFolders")]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams parameters) => Guard("didChangeWorkspaceFolders", () =>
    {
        var removed = (parameters.Event?.Removed ?? []).Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = (parameters.Event?.Added ?? []).Select(f => DocumentUri.ToPath(f.Uri)).OfType<string>();
        workspace.Folders = [.. workspace.Folders.Where(f => !removed.Contains(f)), .. added];
        foreach (var document in workspace.Documents.All)
            diagnostics.Changed(document.Path);
    });

    // Accepted and ignored: the server's log level is fixed, and it reads no settings from the client.
    [JsonRpcMethod("$/setTrace")]
    public static void SetTrace(JsonElement parameters) => _ = parameters;

    [JsonRpcMethod("workspace/didChangeConfiguration")]
    public static void DidChangeConfiguration(JsonElement parameters) => _ = parameters;

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutDown = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exited.TrySetResult(ShutDown ? 0 : 1);

    [JsonRpcMethod("textDocument/didOpen")]
    public void DidOpen(DidOpenTextDocumentParams parameters) => Guard("didOpen", () =>
    {
        if (parameters?.TextDocument is not { Uri: not null } item)
        {
            log.Error("didOpen without a document: ignored");
            return;
        }
        var document = workspace.Documents.Open(item.Uri, item.Text ?? "", item.Version);
        diagnostics.Changed(document.Path);
    });

    [JsonRpcMethod("textDocument/didChange")]
    public void DidChange(DidChangeTextDocumentParams parameters) => Guard("didChange", () =>
    {
        if (parameters?.TextDocument is not { Uri: not null } document)
        {
            log.Error("didChange without a document: ignored");
            return;
        }
        var changed = workspace.Documents.Change(document.Uri, document.Version, parameters.ContentChanges ?? []);
        if (changed is null)
            log.Error($"didChange of {document.Uri}, which is not open: ignored");
        else
            diagnostics.Changed(changed.Path);
    });

    [JsonRpcMethod("textDocument/didClose")]
    public void DidClose(DidCloseTextDocumentParams parameters) => Guard("didClose", () =>
    {
        // The file falls back to its text on disk (or leaves the unit, if it was never saved).
        if (parameters?.TextDocument?.Uri is { } uri && workspace.Documents.Close(uri) is { } closed)
        {
            workspace.Listing.Changed(closed.Path);
            diagnostics.Changed(closed.Path);
        }
    });

    [JsonRpcMethod("textDocument/didSave")]
    public void DidSave(DidSaveTextDocumentParams parameters) => Guard("didSave", () =>
    {
        // Scripts and orchestrator.json are read from disk: a save of one changes what the .flow files compile to.
        if (DocumentUri.ToPath(parameters?.TextDocument?.Uri) is { } path)
        {
            // A first save creates the file: the folder's listing may not have it yet.
            workspace.Listing.Changed(path);
            FileChanged(path);
        }
    });

    [JsonRpcMethod("workspace/didChangeWatchedFiles")]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) => Guard("didChangeWatchedFiles", () =>
    {
        foreach (var change in parameters?.Changes ?? [])
        {
            if (DocumentUri.ToPath(change.Uri) is not { } path)
                continue;
            if (change.Type != FileChangeType.Changed)
                workspace.Listing.Changed(path);
            FileChanged(path);
        }
    });

    private void FileChanged(string path)
    {
        workspace.Disk.Forget(path);
        if (path.EndsWith(".flow", StringComparison.OrdinalIgnoreCase))
            diagnostics.Changed(path);
        else
            diagnostics.ChangedAnywhere(path);
    }

    private static string? RootPath(string? path) => string.IsNullOrEmpty(path) || !Path.IsPathFullyQualified(path) ? null : Path.GetFullPath(path);

    // A notification has no reply to carry an error: a bad one is logged, and the server goes on.
    private void Guard(string method, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            log.Failed(method, e);
        }
    }
}
