using System.Net.Http.Json;
using System.Text.Json;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>A real <c>orchestrator run</c> process: what a user starts.</summary>
public sealed class RealHostTests
{
    [Fact]
    public async Task ARealHostOnPortZeroPrintsItsUrlFirstAndServesTheApi()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        File.WriteAllText(Path.Combine(folder.File("workflows"), "ping.flow"), WorkflowApiTests.Flows["ping.flow"]);
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" } }""");

        using var host = HostProcess.Start(config);
        var url = host.Url;
        host.WaitFor("Started: 1 workflows");
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");
        var workflows = await client.GetFromJsonAsync<JsonElement>("/api/workflows");

        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*$", url);
        Assert.Contains(HostProcess.ListeningText + url, host.Lines[0], StringComparison.Ordinal);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ping", workflows.GetProperty("workflows")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void APortInUseStopsTheHostWithOneLineSayingWhatToDo()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data" } }""");

        using var host = HostProcess.Start(new Dictionary<string, string> { ["ORCHESTRATOR_Http__Urls"] = $"http://127.0.0.1:{port}" },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", config);

        Assert.Equal(1, host.WaitForExit());
        var error = Assert.Single(host.Lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"error: http://127.0.0.1:{port} is in use by another program; choose another with Orchestrator:Http:Urls "
            + "(ORCHESTRATOR_Http__Urls=http://127.0.0.1:0 takes a free port), or turn the API off with Orchestrator:Http:Enabled false", error);
        Assert.DoesNotContain(host.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    // Ctrl+C or SIGTERM that lands while the host is still opening its store or binding its port (a supervisor stopping a
    // host it just started): a graceful stop in one line, never an unhandled exception and an abort.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AStopAskedForDuringStartUpEndsTheHostGracefully(bool http)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        File.WriteAllText(Path.Combine(folder.File("workflows"), "ping.flow"), WorkflowApiTests.Flows["ping.flow"]);
        var config = folder.Write("orchestrator.json", $$"""
            { "Orchestrator": { "Workflows": "workflows", "State": "state.db", "Data": "data",
                                "Http": { "Enabled": {{(http ? "true" : "false")}}, "Urls": "http://127.0.0.1:0" } } }
            """);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var error = new StringWriter();

        var exit = await OrchestratorWebHost.RunAsync(new Hosting.HostArguments(config, null, null, null), error, stop.Token);

        Assert.Equal(0, exit);
        Assert.Equal("Stopped before start-up had finished", error.ToString().Trim());
    }
}
