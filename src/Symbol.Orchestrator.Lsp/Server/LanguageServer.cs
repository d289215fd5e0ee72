using System.Reflection;
using StreamJsonRpc;
using Symbol.Orchestrator.Lsp.Protocol;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The server's lifecycle and document synchronization: <c>initialize</c> (the capabilities), <c>shutdown</c> and
/// <c>exit</c>, and the notifications that keep <see cref="Workspace"/> in step with the editor, each of which has the
/// diagnostics published again. The language features are served beside it by <c>LanguageFeatures</c>.
/// </summary>
internal sealed class LanguageServer(Workspace workspace, DiagnosticsPublisher diagnostics, ServerLog log)
{
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

    [JsonRpcMethod("initialized")]
    public static void Initialized()
    {
    }

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
        var item = parameters.TextDocument;
        var document = workspace.Documents.Open(item.Uri, item.Text ?? "", item.Version);
        diagnostics.Changed(document.Path);
    });

    [JsonRpcMethod("textDocument/didChange")]
    public void DidChange(DidChangeTextDocumentParams parameters) => Guard("didChange", () =>
    {
        var changed = workspace.Documents.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges ?? []);
        if (changed is null)
            log.Error($"didChange of {parameters.TextDocument.Uri}, which is not open: ignored");
        else
            diagnostics.Changed(changed.Path);
    });

    [JsonRpcMethod("textDocument/didClose")]
    public void DidClose(DidCloseTextDocumentParams parameters) => Guard("didClose", () =>
    {
        // The file falls back to its text on disk (or leaves the unit, if it was never saved).
        if (workspace.Documents.Close(parameters.TextDocument.Uri) is { } closed)
            diagnostics.Changed(closed.Path);
    });

    [JsonRpcMethod("textDocument/didSave")]
    public void DidSave(DidSaveTextDocumentParams parameters) => Guard("didSave", () =>
    {
        // Scripts and orchestrator.json are read from disk: a save of one changes what the .flow files compile to.
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is { } path)
            FileChanged(path);
    });

    [JsonRpcMethod("workspace/didChangeWatchedFiles")]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) => Guard("didChangeWatchedFiles", () =>
    {
        foreach (var change in parameters.Changes ?? [])
            if (DocumentUri.ToPath(change.Uri) is { } path)
                FileChanged(path);
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
