using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// A real host runs a workflow whose job fails; its <c>on failure</c> handler posts the failed job's error with
/// <c>http.postJson</c> to a webhook on this machine (allowed by <c>Http:AllowedHosts</c>), as an alert to a chat would.
/// </summary>
public sealed class FailureAlertTests
{
    [Fact]
    public async Task AFailedRunsOnFailureHandler_PostsTheFailedJobsErrorToAnAllowedWebhook()
    {
        using var folder = new HostFolder();
        await using var webhook = new Webhook();
        var config = JsonNode.Parse(File.ReadAllText(folder.Config))!;
        config["Orchestrator"]!["Http"] = new JsonObject { ["AllowedHosts"] = new JsonArray("127.0.0.1") };
        File.WriteAllText(folder.Config, config.ToJsonString());
        folder.Write(folder.Flow("nightly.flow"), $$"""
            workflow nightly {
                schedule every 1s
                catchup none
                job extract { run ``` return { rows: 3 }; ``` }
                job load    { run ``` throw new Error("disk full"); ``` }
                extract -> load
                on failure {
                    retries 2 backoff 1s
                    run ```
                        http.postJson("{{webhook.Url}}", { run: run.id, status: run.status, failed: run.failed });
                    ```
                }
            }
            """);

        using var host = HostProcess.StartVerbose(folder.Config);
        var posted = await webhook.FirstBody.WaitAsync(Wait.Bound);

        using var alert = JsonDocument.Parse(posted);
        Assert.Equal("failed", alert.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("nightly@", alert.RootElement.GetProperty("run").GetString());
        Assert.Equal(["load"], alert.RootElement.GetProperty("failed").EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^Error: disk full \(at .*nightly\.flow:5\)$", alert.RootElement.GetProperty("failed").GetProperty("load").GetString());
        // The handler is recorded as such, and the run still ends failed, for its job.
        host.WaitFor("Handler on failure of run nightly@");
        host.WaitFor("of nightly ended failed: job load failed: Error: disk full");
        Assert.Equal(0, host.Count("Job on failure"));
    }

    /// <summary>An HTTP endpoint on 127.0.0.1 that answers every request <c>{}</c>; <see cref="FirstBody"/> is the first request's body.</summary>
    private sealed class Webhook : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public Webhook()
        {
            _listener.Start();
            _serving = ServeAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/ops";

        public Task<string> FirstBody => _first.Task;

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var body = await ReadBodyAsync(client.GetStream(), _stop.Token);
                    _first.TrySetResult(body);
                    var reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8.ToArray();
                    await client.GetStream().WriteAsync(reply, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stop.IsCancellationRequested)
            {
            }
        }

        // The headers up to the blank line, then Content-Length bytes of body.
        private static async Task<string> ReadBodyAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            int headerEnd;
            while ((headerEnd = IndexOfBlankLine(received)) < 0)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                    return "";
                received.AddRange(buffer.AsSpan(0, read));
            }
            var headers = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
            var length = headers.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
            while (received.Count < headerEnd + 4 + length)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                    break;
                received.AddRange(buffer.AsSpan(0, read));
            }
            return Encoding.UTF8.GetString(received.ToArray(), headerEnd + 4, Math.Min(length, received.Count - headerEnd - 4));
        }

        private static int IndexOfBlankLine(List<byte> bytes)
        {
            for (int k = 0; k + 3 < bytes.Count; k++)
                if (bytes[k] == '\r' && bytes[k + 1] == '\n' && bytes[k + 2] == '\r' && bytes[k + 3] == '\n')
                    return k;
            return -1;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}
