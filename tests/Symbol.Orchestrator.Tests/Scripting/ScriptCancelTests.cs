using System.Net;
using System.Net.Sockets;
using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>
/// A cancel reaches a script whatever it is blocked in: a tight loop (Jint's statement check), <c>sleep</c> and an
/// <c>http</c> call to a server that never answers (host calls that wait on the token). The attempt ends with what it logged.
/// </summary>
public sealed class ScriptCancelTests
{
    public static TheoryData<string> Blocking => new()
    {
        "while (true) {}",
        "sleep(600000);",
        "for (;;) { try { sleep(600000); } catch (e) { log('caught ' + e); } }",
    };

    [Theory]
    [MemberData(nameof(Blocking))]
    public async Task ACancelledScriptStopsAndKeepsTheLinesItLogged(string blocking)
    {
        using var sandbox = new Sandbox(o => o with { Timeout = TimeSpan.FromHours(1) });
        using var cancel = new CancellationTokenSource();

        var attempt = sandbox.RunAsync($"""log("started"); files.write("started", "1"); {blocking}""", cancellationToken: cancel.Token);
        await Wait.UntilAsync(() => File.Exists(Path.Combine(sandbox.DataRoot, "started")), "the script to start blocking");
        await cancel.CancelAsync();

        var stopped = await Assert.ThrowsAsync<AttemptCancelledException>(() => attempt.WaitAsync(Wait.Bound));
        Assert.Equal("started", stopped.Logs[0]);
    }

    [Fact]
    public async Task ACancelledScriptWaitingForAnHttpAnswerThatNeverComesStops()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var sandbox = new Sandbox(o => o with { Timeout = TimeSpan.FromHours(1), AllowedHosts = ["127.0.0.1"] });
        using var cancel = new CancellationTokenSource();

        var attempt = sandbox.RunAsync($"""log("calling"); http.get("http://127.0.0.1:{port}/slow");""", cancellationToken: cancel.Token);
        // The request is on its way once the server has the connection; it never answers.
        using var connection = await listener.AcceptTcpClientAsync().WaitAsync(Wait.Bound);
        await cancel.CancelAsync();

        var stopped = await Assert.ThrowsAsync<AttemptCancelledException>(() => attempt.WaitAsync(Wait.Bound));
        Assert.Equal(["calling"], stopped.Logs);
    }
}
