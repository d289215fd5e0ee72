using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Lsp.Benchmarks;

/// <summary><c>orchestrator lsp</c> as a child process, spoken to over its stdin and stdout; publishDiagnostics are waited on by version.</summary>
internal sealed class LspConnection : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _replies = new();
    private readonly ConcurrentDictionary<(string Uri, int Version), TaskCompletionSource<JsonArray>> _diagnostics = new();
    private int _nextId;

    public LspConnection()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        info.ArgumentList.Add("lsp");
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _input = _process.StandardInput.BaseStream;
        _ = Task.Run(ReadLoop);
    }

    public async Task<JsonObject> RequestAsync(string method, object? parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = _replies.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        Send(new { jsonrpc = "2.0", id, method, @params = parameters });
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Notify(string method, object? parameters) => Send(new { jsonrpc = "2.0", method, @params = parameters });

    /// <summary>The diagnostics published for <paramref name="uri"/> at <paramref name="version"/>, when they come.</summary>
    public Task<JsonArray> DiagnosticsAsync(string uri, int version) =>
        _diagnostics.GetOrAdd((uri, version), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(60));

    private void Send(object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        _input.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        _input.Write(body);
        _input.Flush();
    }

    private async Task ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        var header = new List<byte>();
        var one = new byte[1];
        int length = -1;
        while (await output.ReadAsync(one) == 1)
        {
            if (one[0] != '\n')
            {
                header.Add(one[0]);
                continue;
            }
            var line = Encoding.ASCII.GetString([.. header]).TrimEnd('\r');
            header.Clear();
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            else if (line.Length == 0)
            {
                var body = new byte[length];
                await output.ReadExactlyAsync(body);
                Dispatch(JsonNode.Parse(body)!.AsObject());
            }
        }
    }

    private void Dispatch(JsonObject message)
    {
        // A request from the server (client/registerCapability): agreed to, as an editor does.
        if (message["id"] is { } request && message["method"] is not null)
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request.DeepClone(), ["result"] = null });
        else if (message["id"] is { } id && message["method"] is null)
            _replies.GetOrAdd(id.GetValue<int>(), _ => new()).TrySetResult(message);
        else if ((string?)message["method"] == "textDocument/publishDiagnostics" && message["params"]!["version"] is { } version)
            _diagnostics.GetOrAdd(((string)message["params"]!["uri"]!, version.GetValue<int>()), _ => new()).TrySetResult(message["params"]!["diagnostics"]!.AsArray());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
