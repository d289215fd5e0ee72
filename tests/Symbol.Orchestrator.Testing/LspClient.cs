using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// An editor as the server sees it: <c>orchestrator lsp</c> started from the orchestrator.dll beside the tests, spoken
/// to over its real stdin and stdout with <c>Content-Length</c> framed JSON-RPC (written here, not with the server's
/// library, so a framing bug cannot hide on both sides). Replies and notifications are kept as they arrive; every wait
/// is on a message, bounded by <see cref="Wait.Bound"/>. Always killed on dispose.
/// </summary>
public sealed class LspClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<JsonObject> _notifications = new();
    private readonly ConcurrentDictionary<(string Uri, int Version), TaskCompletionSource<JsonArray>> _versions = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _writing = new();
    private int _nextId;

    private LspClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        _ = Task.Run(ReadLoop);
    }

    /// <summary>Starts the server, with <paramref name="environment"/> added to this process's variables.</summary>
    public static LspClient Start(IReadOnlyDictionary<string, string>? environment = null, params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        info.ArgumentList.Add("lsp");
        foreach (var argument in extraArguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        return new LspClient(Process.Start(info)!);
    }

    /// <summary>What the server logged on stderr so far (shown when a wait fails).</summary>
    public string Log
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// <c>initialize</c> with <paramref name="folder"/> as the one workspace folder, then <c>initialized</c>; returns the result.
    /// <paramref name="capabilities"/>: what the client says it can do (none by default).
    /// </summary>
    public async Task<JsonNode> InitializeAsync(string? folder = null, object? capabilities = null)
    {
        var uri = folder is null ? null : new Uri(folder).AbsoluteUri;
        var result = await RequestAsync("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = uri,
            capabilities = capabilities ?? new { },
            workspaceFolders = uri is null ? null : new[] { new { uri, name = Path.GetFileName(folder) } },
        });
        Notify("initialized", new { });
        return result!;
    }

    /// <summary>Sends a request and waits for its reply: the result (null for a JSON null), or a failed assertion quoting the error.</summary>
    public async Task<JsonNode?> RequestAsync(string method, object? parameters)
    {
        var reply = await SendRequestAsync(method, parameters);
        Assert.False(reply.ContainsKey("error"), $"{method} answered an error: {reply["error"]?.ToJsonString()}\n{Log}");
        return reply["result"];
    }

    /// <summary>Sends a request and waits for its whole reply (result or error).</summary>
    public async Task<JsonObject> SendRequestAsync(string method, object? parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        Send(new { jsonrpc = "2.0", id, method, @params = parameters });
        var done = await Task.WhenAny(reply.Task, Task.Delay(Wait.Bound));
        Assert.True(done == reply.Task, $"no reply to {method} within {Wait.Bound.TotalSeconds} s\n{Log}");
        return await reply.Task;
    }

    /// <summary>Answers a request the server sent (it is among <see cref="Notifications"/>, with its id).</summary>
    public void Reply(JsonObject request, JsonNode? result) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]!.DeepClone(), ["result"] = result });

    public void Notify(string method, object? parameters) => Send(new { jsonrpc = "2.0", method, @params = parameters });

    /// <summary>Sends raw bytes, framed or not: for tests of what a broken client may send.</summary>
    public void SendRaw(byte[] bytes)
    {
        lock (_writing)
        {
            _input.Write(bytes);
            _input.Flush();
        }
    }

    /// <summary>Closes the server's stdin, as an editor that died does.</summary>
    public void CloseInput() => _input.Close();

    /// <summary>Every notification received so far with <paramref name="method"/>, oldest first.</summary>
    public IReadOnlyList<JsonObject> Notifications(string method) =>
        _notifications.Where(n => (string?)n["method"] == method).ToList();

    /// <summary>The diagnostics last published for <paramref name="uri"/>, waiting until they satisfy <paramref name="condition"/>.</summary>
    public async Task<JsonArray> DiagnosticsAsync(string uri, Func<JsonArray, bool> condition, string what)
    {
        JsonArray? last = null;
        await Wait.UntilAsync(() => (last = LatestDiagnostics(uri)) is { } d && condition(d), $"diagnostics of {uri}: {what}",
            () => $"last published: {last?.ToJsonString() ?? "none"}\n{Log}");
        return last!;
    }

    /// <summary>
    /// The diagnostics published for <paramref name="uri"/> at <paramref name="version"/>, as soon as they arrive: what
    /// the language server's benchmark times, so it is signalled by the read loop, not polled. Ask before the change is sent.
    /// </summary>
    public Task<JsonArray> DiagnosticsOfVersionAsync(string uri, int version) =>
        _versions.GetOrAdd((uri, version), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(Wait.Bound);

    /// <summary>The diagnostics last published for <paramref name="uri"/>, or null when none were.</summary>
    public JsonArray? LatestDiagnostics(string uri) =>
        Notifications("textDocument/publishDiagnostics").LastOrDefault(n => (string?)n["params"]!["uri"] == uri)?["params"]!["diagnostics"]!.AsArray();

    /// <summary><c>shutdown</c>, then <c>exit</c>; the process's exit code.</summary>
    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown", null);
        Notify("exit", null);
        return WaitForExit();
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(Wait.Bound), $"the server did not exit\n{Log}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private void Send(object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        SendRaw([.. header, .. body]);
    }

    private async Task ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessage(output) is { } message)
            {
                if (message["id"] is { } id && message["method"] is null && _pending.TryRemove(id.GetValue<int>(), out var reply))
                    reply.TrySetResult(message);
                else
                {
                    _notifications.Enqueue(message);
                    if ((string?)message["method"] == "textDocument/publishDiagnostics" && message["params"]?["version"] is JsonValue version)
                        _versions.GetOrAdd(((string)message["params"]!["uri"]!, version.GetValue<int>()), _ => new(TaskCreationOptions.RunContinuationsAsynchronously))
                            .TrySetResult(message["params"]!["diagnostics"]!.AsArray());
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    // One message: headers up to a blank line, then Content-Length bytes of JSON. Null at the end of the stream.
    private static async Task<JsonObject?> ReadMessage(Stream stream)
    {
        int length = -1;
        while (await ReadLine(stream) is { } line)
        {
            if (line.Length == 0)
            {
                Assert.True(length >= 0, "a message without Content-Length");
                var body = new byte[length];
                await stream.ReadExactlyAsync(body);
                return JsonNode.Parse(body)!.AsObject();
            }
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static async Task<string?> ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            bytes.Add(one[0]);
        }
        return null;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
