using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Tests.State;

namespace Symbol.Orchestrator.Tests.Hosting;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("MaxParallelJobs", "0", "Orchestrator:MaxParallelJobs must be 1 or more")]
    [InlineData("CatchupLimit", "-1", "Orchestrator:CatchupLimit must be 0 or more")]
    [InlineData("DefaultTimeZone", "\"Mars/Base\"", "Orchestrator:DefaultTimeZone 'Mars/Base' is not a known time zone")]
    [InlineData("ShutdownGrace", "\"-00:00:01\"", "Orchestrator:ShutdownGrace must not be negative")]
    [InlineData("Script", "{ \"MemoryMb\": 0 }", "Orchestrator:Script:MemoryMb must be 1 or more")]
    [InlineData("State", "\"postgres://orchestrator@db/orchestrator\"", "Orchestrator:State: a PostgreSQL store (postgres://…) is not supported by this build yet")]
    public void A_bad_value_stops_the_host_with_a_message_naming_the_key(string key, string json, string message)
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, $$"""{ "Orchestrator": { "{{key}}": {{json}} } }""");

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>()));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_value_that_does_not_convert_names_its_key()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "Script": { "Timeout": "soon" } } }""");

        var error = Assert.Throws<InvalidOperationException>(() => OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>()));

        Assert.Contains("Orchestrator:Script:Timeout", error.Message);
    }

    [Fact]
    public void Paths_are_relative_to_the_config_file_and_the_environment_and_flags_override_it()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "Workflows": "flows", "MaxParallelJobs": 2, "Script": { "Timeout": "00:00:05" } } }""");
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_MaxParallelJobs"] = "3", ["ORCHESTRATOR_Script__MemoryMb"] = "32" };

        using var host = OrchestratorHost.Build(new HostArguments(config, State: "elsewhere.db"), environment: environment);
        var options = host.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;

        Assert.Equal(Path.Combine(folder.Path, "flows"), options.WorkflowsPath);
        Assert.Equal(Path.Combine(folder.Path, "data"), options.DataPath);
        Assert.Equal(Path.GetFullPath("elsewhere.db"), options.StatePath);
        Assert.Equal(3, options.MaxParallelJobs);
        Assert.Equal(32, options.Script.MemoryMb);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Script.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownGrace);
    }
}
