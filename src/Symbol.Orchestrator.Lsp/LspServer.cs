using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using Symbol.Orchestrator.Lsp.Features;
using Symbol.Orchestrator.Lsp.Server;

namespace Symbol.Orchestrator.Lsp;

/// <summary>The language server for .flow files: <c>orchestrator lsp</c> runs it on stdin and stdout (docs/editors.md).</summary>
public static class LspServer
{
    /// <summary>
    /// Serves LSP over <paramref name="input"/> and <paramref name="output"/> (JSON-RPC with <c>Content-Length</c>
    /// headers) until the client sends <c>exit</c> or closes <paramref name="input"/>; the log goes to
    /// <paramref name="log"/>, never to <paramref name="output"/>. <paramref name="environment"/>: the variables the
    /// settings read (<c>ORCHESTRATOR_*</c>), null for this process's. Returns the exit code: 0 after
    /// <c>shutdown</c> then <c>exit</c>, else 1.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var serverLog = new ServerLog(log);
        var gate = new MessageGate(input, serverLog);
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(PipeWriter.Create(output), gate.Reader, Formatter()));
        // One message at a time, in the order sent: an edit must be applied before the next one, and before a request after it.
        rpc.SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false);
        rpc.TraceSource.Switch.Level = SourceLevels.Warning;
        rpc.TraceSource.Listeners.Clear();
        rpc.TraceSource.Listeners.Add(new ServerLogListener(serverLog));

        var workspace = new Workspace(TimeProvider.System, new SettingsFiles(TimeProvider.System, environment));
        var diagnostics = new DiagnosticsPublisher(workspace, p => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", p), serverLog);
        var server = new LanguageServer(workspace, diagnostics, serverLog);
        var targetOptions = new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true };
        rpc.AddLocalRpcTarget(server, targetOptions);
        rpc.AddLocalRpcTarget(new LanguageFeatures(workspace), targetOptions);
        rpc.StartListening();
        // Not awaited: a read of stdin blocks until the editor writes or closes it, and the process ends without it.
        _ = Task.Run(gate.RunAsync, CancellationToken.None);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publishing = Task.Run(() => diagnostics.RunAsync(stop.Token), CancellationToken.None);
        var ended = await Task.WhenAny(server.Exited, rpc.Completion, Task.Delay(Timeout.Infinite, cancellationToken));
        int code = ended == server.Exited ? await server.Exited : 1;
        if (ended == rpc.Completion)
            serverLog.Info("the client closed the connection: exiting");
        await stop.CancelAsync();
        await publishing;
        return code;
    }

    private static SystemTextJsonFormatter Formatter()
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.PropertyNameCaseInsensitive = true;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return formatter;
    }
}
