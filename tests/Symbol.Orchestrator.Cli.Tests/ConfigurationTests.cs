namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>trigger</c>, <c>runs</c>, <c>show</c> and <c>retry</c> read their settings as <c>run</c> does (docs/configuration.md):
/// <c>orchestrator.json</c> or <c>--config</c>, then <c>ORCHESTRATOR_*</c> variables, then flags.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private const string Demo = """
        workflow demo {
            job check { run ``` if (!files.exists("ready.txt")) throw new Error("ready.txt is missing"); return "ok"; ``` }
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Under(params string[] parts) => Path.Combine([_folder.Path, .. parts]);

    private static void Ready(string data)
    {
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "ready.txt"), "");
    }

    private static string[] RunIds(CliRun runs) =>
        runs.Json().GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!).ToArray();

    [Fact]
    public void EnvironmentVariablesOverrideTheConfigFileAndFlagsOverrideBoth()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var config = _folder.Write("orchestrator.json", """{ "Orchestrator": { "State": "file.db", "Data": "file-data" } }""");
        Ready(Under("env", "data"));
        // Keys are case-insensitive, as the host reads them: the usual upper-case spelling works too.
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_STATE"] = Under("env", "state.db"), ["ORCHESTRATOR_Data"] = Under("env", "data") };

        var trigger = CliRun.WithEnvironment(environment, "trigger", flow, "--config", config, "--json");
        var runs = CliRun.WithEnvironment(environment, "runs", "--config", config, "--json");
        var flagged = CliRun.WithEnvironment(environment, "runs", "--config", config, "--state", Under("flag.db"), "--json");
        var fileOnly = CliRun.Of("runs", "--config", config, "--json");

        // ready.txt exists only in the variable's data folder, so success says the job's files API was rooted there.
        Assert.Equal(0, trigger.ExitCode);
        Assert.Equal([trigger.Json().GetProperty("runId").GetString()!], RunIds(runs));
        // The flag's and the file's stores do not exist: runs says which one it read.
        Assert.Contains($"no state store at {Under("flag.db")}", flagged.Error);
        Assert.Contains($"no state store at {Under("file.db")}", fileOnly.Error);
        Assert.True(File.Exists(Under("env", "state.db")));
        Assert.False(File.Exists(Under("flag.db")));
        Assert.False(Directory.Exists(Under("file-data")));
    }

    [Fact]
    public void AConfigFileInAnotherFolderPlacesTheStoreAndDataRelativeToThatFolderForEveryVerb()
    {
        var flow = _folder.Write("demo.flow", Demo);
        Directory.CreateDirectory(Under("conf"));
        var config = _folder.Write(Path.Combine("conf", "settings.json"), """{ "Orchestrator": { "State": "../store/runs.db", "Data": "files" } }""");

        var failed = CliRun.Of("trigger", flow, "--config", config, "--json");
        var runId = failed.Json().GetProperty("runId").GetString()!;
        Ready(Under("conf", "files"));
        var retry = CliRun.Of("retry", runId, "--config", config, "--json");
        var runs = CliRun.Of("runs", "--config", config, "--json");
        var show = CliRun.Of("show", runId, "--config", config, "--json");

        Assert.Equal((1, 0, 0, 0), (failed.ExitCode, retry.ExitCode, runs.ExitCode, show.ExitCode));
        Assert.True(File.Exists(Under("store", "runs.db")));
        Assert.Equal([runId], RunIds(runs));
        Assert.Equal("succeeded", show.Json().GetProperty("status").GetString());
    }

    [Fact]
    public void EveryRunVerbTakesTheSameConfigStateAndDataFlagsSoOneAliasServesThemAll()
    {
        var flow = _folder.Write("demo.flow", Demo);
        var config = _folder.Write("orchestrator.json", """{ "Orchestrator": {} }""");
        Ready(Under("data"));
        string[] flags = ["--config", config, "--state", Under("state.db"), "--data", Under("data"), "--json"];

        var trigger = CliRun.Of(["trigger", flow, .. flags]);
        var runId = trigger.Json().GetProperty("runId").GetString()!;
        var runs = CliRun.Of(["runs", .. flags]);
        var show = CliRun.Of(["show", runId, .. flags]);
        var retry = CliRun.Of(["retry", runId, .. flags]);

        Assert.Equal((0, 0, 0, 0), (trigger.ExitCode, runs.ExitCode, show.ExitCode, retry.ExitCode));
        Assert.Equal([runId], RunIds(runs));
        Assert.Equal("succeeded", show.Json().GetProperty("status").GetString());
    }

    public static TheoryData<string?, string> BadConfigurations => new()
    {
        { """{ "Orchestrator": { "MaxParallelJobs": 0 } }""", "error: Orchestrator:MaxParallelJobs must be 1 or more (found 0)" },
        { """{ "Orchestrator": { "MaxParralelJobs": 4 } }""", "is not a setting (did you mean 'Orchestrator:MaxParallelJobs'?)" },
        { """{ "Orchestrator": { "DefaultTimeZone": "Mars/Base" } }""", "error: Orchestrator:DefaultTimeZone 'Mars/Base' is not a known time zone" },
        { """{ "Orchestrator": { "Script": { "Timeout": "soon" } } }""", "Orchestrator:Script:Timeout" },
        { """{ "Orchestrator": { "State": """, "bad.json" },
        { null, "error: the configuration file" },
        { """{ "Orchestrator": { "State": "postgres://db/orchestrator" } }""", "error: Orchestrator:State names no user: start it with user@" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void ABadConfigurationFailsEveryVerbWithExit1AndTheMessageRunPrints(string? json, string message)
    {
        var flow = _folder.Write("demo.flow", Demo);
        var config = Under("bad.json");
        if (json is not null)
            File.WriteAllText(config, json);

        var run = CliRun.Of("run", "--config", config);
        var others = new[]
        {
            CliRun.Of("trigger", flow, "--config", config),
            CliRun.Of("runs", "--config", config),
            CliRun.Of("show", "some-run", "--config", config),
            CliRun.Of("retry", "some-run", "--config", config),
        };

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.All(others, verb => Assert.Equal((1, "", run.Error), (verb.ExitCode, verb.Out, verb.Error)));
        // Nothing was created: no store, no data folder.
        Assert.Equal(json is null ? [flow] : [config, flow], _folder.Listing());
    }

    [Fact]
    public void ABadValueInAnEnvironmentVariableNamesItsKey()
    {
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_MaxParallelJobs"] = "many", ["ORCHESTRATOR_Script__MemoryMb"] = "0" };

        var runs = CliRun.WithEnvironment(environment, "runs", "--state", Under("state.db"));
        var memory = CliRun.WithEnvironment(environment.Where(e => e.Key.Contains("Script")).ToDictionary(), "runs", "--state", Under("state.db"));

        Assert.Equal((1, 1), (runs.ExitCode, memory.ExitCode));
        Assert.Contains("Orchestrator:MaxParallelJobs", runs.Error);
        Assert.Contains("error: Orchestrator:Script:MemoryMb must be 1 or more (found 0)", memory.Error);
    }

    [Fact]
    public void APostgresUrlGivenAsTheStateFlagOpensThatDatabaseNotAFileAndAnUnreachableOneIsNamedWithoutItsPassword()
    {
        var port = ClosedPort();
        var runs = CliRun.Of("runs", "--state", $"postgres://orchestrator:s3cret-pw@127.0.0.1:{port}/orchestrator");

        Assert.Equal((1, ""), (runs.ExitCode, runs.Out));
        Assert.StartsWith($"error: The state store postgres://orchestrator@127.0.0.1:{port}/orchestrator could not be reached", runs.Error);
        Assert.DoesNotContain("s3cret-pw", runs.Error);
        Assert.False(Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "postgres:")));
    }

    // A port nothing listens on: one the system just gave out and took back.
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
