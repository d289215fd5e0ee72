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
    [InlineData("ShutdownGrace", "\"-00:00:01\"", "Orchestrator:ShutdownGrace must be from 00:00:00 to 01:00:00 (found -00:00:01)")]
    // Past what a timer takes: these passed validation, then crashed the host at SIGTERM or at the first file change.
    [InlineData("ShutdownGrace", "\"3650.00:00:00\"", "Orchestrator:ShutdownGrace must be from 00:00:00 to 01:00:00 (found 3650.00:00:00)")]
    [InlineData("ReloadDebounce", "\"3650.00:00:00\"", "Orchestrator:ReloadDebounce must be from 00:00:00 to 00:01:00 (found 3650.00:00:00)")]
    [InlineData("Script", "{ \"Timeout\": \"3650.00:00:00\" }", "Orchestrator:Script:Timeout must be from 00:00:00.001 to 1.00:00:00 (found 3650.00:00:00)")]
    [InlineData("Script", "{ \"Timeout\": \"00:00:00\" }", "Orchestrator:Script:Timeout must be from 00:00:00.001 to 1.00:00:00 (found 00:00:00)")]
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
    public void Every_duration_setting_has_a_stated_range()
    {
        var durations = SettingKeys(typeof(OrchestratorOptions), "").Where(k => k.Type == typeof(TimeSpan)).Select(k => k.Key);

        Assert.Equal(durations.Order(), OrchestratorOptionsValidator.Durations.Select(d => d.Key).Order());
    }

    [Fact]
    public void The_top_of_each_duration_range_is_accepted()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "ShutdownGrace": "01:00:00", "ReloadDebounce": "00:01:00", "Script": { "Timeout": "1.00:00:00" } } }""");

        using var host = OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>());

        Assert.Equal(TimeSpan.FromMinutes(1), host.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ReloadDebounce);
    }

    // The settings a user can write, as configuration keys (Script:Timeout), with their types.
    private static IEnumerable<(string Key, Type Type)> SettingKeys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
                foreach (var nested in SettingKeys(property.PropertyType, $"{prefix}{property.Name}:"))
                    yield return nested;
            else
                yield return ($"{prefix}{property.Name}", property.PropertyType);
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
