namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// <c>validate</c>, <c>preview</c>, <c>graph</c> and <c>trigger</c> read <c>Script:Roots</c> from the configuration as the
/// host does: a script outside the workflows folder and those roots is an error naming the setting.
/// </summary>
public sealed class ScriptRootsTests : IDisposable
{
    private const string Flow = """
        workflow shared_helper {
            job a { run file "../shared/helper.js" }
        }
        """;

    private const string Refusal = "flows/w.flow:2:22: \"../shared/helper.js\" is outside the workflows folder and Script:Roots; add its folder to Orchestrator:Script:Roots in orchestrator.json to allow it";

    private readonly TempFolder _folder = new();

    public ScriptRootsTests()
    {
        Directory.CreateDirectory(Under("flows"));
        Directory.CreateDirectory(Under("shared"));
        _folder.Write(Path.Combine("flows", "w.flow"), Flow);
        _folder.Write(Path.Combine("shared", "helper.js"), "return 42;");
    }

    public void Dispose() => _folder.Dispose();

    private string Under(params string[] parts) => Path.Combine([_folder.Path, .. parts]);

    private string Config(string roots) => _folder.Write("orchestrator.json", $$"""{ "Orchestrator": { "State": "state.db", "Data": "data", "Script": { "Roots": {{roots}} } } }""");

    [Fact]
    public void WithoutARootEveryCompilingVerbRefusesTheScriptNamingTheSetting()
    {
        var config = Config("[]");

        foreach (var verb in new[] { "validate", "preview", "graph", "trigger" })
        {
            var run = CliRun.Of(verb, Under("flows"), "--config", config);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(Under(Refusal), run.Out + run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ARootRelativeToTheConfigFileLetsEveryVerbReadTheScript()
    {
        var config = Config("""["shared"]""");

        Assert.Equal(0, CliRun.Of("validate", Under("flows"), "--config", config).ExitCode);
        Assert.Equal(0, CliRun.Of("preview", Under("flows"), "--config", config).ExitCode);
        Assert.Equal(0, CliRun.Of("graph", Under("flows"), "--config", config).ExitCode);
        var trigger = CliRun.Of("trigger", Under("flows"), "--config", config, "--json");
        Assert.Equal(0, trigger.ExitCode);
        Assert.Equal(42, trigger.Json().GetProperty("jobs")[0].GetProperty("output").GetInt32());
    }

    [Fact]
    public void ARootFromAnEnvironmentVariableCountsToo()
    {
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_Script__Roots__0"] = Under("shared") };

        Assert.Equal(0, CliRun.WithEnvironment(environment, "validate", Under("flows")).ExitCode);
        Assert.Equal(1, CliRun.Of("validate", Under("flows")).ExitCode);
    }

    [Fact]
    public void AnEmptyRootIsASettingError()
    {
        var run = CliRun.Of("validate", Under("flows"), "--config", Config("""[""]"""));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Orchestrator:Script:Roots must list folders; it has an empty entry", run.Error.Trim());
    }
}
