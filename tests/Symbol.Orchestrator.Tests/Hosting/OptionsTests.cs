using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;

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
    [InlineData("Lease", "\"00:00:01\"", "Orchestrator:Lease must be from 00:00:03 to 01:00:00 (found 00:00:01)")]
    [InlineData("Lease", "\"1.00:00:00\"", "Orchestrator:Lease must be from 00:00:03 to 01:00:00 (found 1.00:00:00)")]
    [InlineData("Script", "{ \"MemoryMb\": 0 }", "Orchestrator:Script:MemoryMb must be 1 or more")]
    [InlineData("State", "\"postgres://orchestrator:secret@db\"", "Orchestrator:State names no database: end it with /database")]
    [InlineData("Telemetry", "{ \"Otlp\": { \"Endpoint\": \"collector:4317\" } }",
        "Orchestrator:Telemetry:Otlp:Endpoint 'collector:4317' must be an http:// or https:// address with a host, such as http://localhost:4317 (gRPC)")]
    [InlineData("Telemetry", "{ \"Otlp\": { \"Endpoint\": \"ftp://collector:4317\" } }", "Orchestrator:Telemetry:Otlp:Endpoint 'ftp://collector:4317' must be an http:// or https:// address")]
    [InlineData("Telemetry", "{ \"Otlp\": { \"Endpoint\": \"http://localhost:4318\", \"Protocol\": \"http\" } }", "Orchestrator:Telemetry:Otlp:Protocol must be grpc or http/protobuf (found 'http')")]
    [InlineData("Telemetry", "{ \"ServiceName\": \" \" }", "Orchestrator:Telemetry:ServiceName must not be empty")]
    public void ABadValueStopsTheHostWithAMessageNamingTheKey(string key, string json, string message)
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, $$"""{ "Orchestrator": { "{{key}}": {{json}} } }""");

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>()));

        Assert.Contains(message, error.Message);
    }

    public static TheoryData<string, Dictionary<string, string>, string> UnknownKeys => new()
    {
        { """{ "MaxParralelJobs": 4 }""", [], "Orchestrator:MaxParralelJobs in {config} is not a setting (did you mean 'Orchestrator:MaxParallelJobs'?)" },
        { """{ "Script": { "Timout": "00:00:05" } }""", [], "Orchestrator:Script:Timout in {config} is not a setting (did you mean 'Orchestrator:Script:Timeout'?)" },
        { """{ "Http": { "AllowedHosts": { "first": "api.example.com" } } }""", [], "Orchestrator:Http:AllowedHosts:first in {config} is not a setting" },
        { "{}", new() { ["ORCHESTRATOR_MaxParralelJobs"] = "4" }, "ORCHESTRATOR_MaxParralelJobs is not a setting (did you mean 'ORCHESTRATOR_MaxParallelJobs'?)" },
        { "{}", new() { ["ORCHESTRATOR_Script__Timout"] = "00:00:05" }, "ORCHESTRATOR_Script__Timout is not a setting (did you mean 'ORCHESTRATOR_Script__Timeout'?)" },
        { "{}", new() { ["ORCHESTRATOR_ConfigFolder"] = "/" }, "ORCHESTRATOR_ConfigFolder is not a setting" },
    };

    [Theory]
    [MemberData(nameof(UnknownKeys))]
    public void AnUnknownKeyInTheFileOrTheEnvironmentStopsTheHostNamingItWithADidYouMean(string json, Dictionary<string, string> environment, string message)
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, $$"""{ "Orchestrator": {{json}} }""");

        var error = Assert.Throws<OptionsValidationException>(() => OrchestratorHost.Build(new HostArguments(config), environment: environment));

        Assert.Equal([message.Replace("{config}", config, StringComparison.Ordinal)], error.Failures);
    }

    [Fact]
    public void EverySettingOfTheOptionsIsAKnownKeyInAnyCaseWithArraysByIndex()
    {
        var keys = WritableKeys(typeof(OrchestratorOptions), "").Select(k => k.Type.IsArray ? $"{k.Key}:0" : k.Key).ToList();

        foreach (var spelling in new[] { keys, keys.Select(k => k.ToUpperInvariant()).ToList() })
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(spelling.Select(k => KeyValuePair.Create($"{OrchestratorOptions.Section}:{k}", (string?)"x")))
                .Build();
            Assert.Empty(SettingKeys.Unknown(configuration.GetSection(OrchestratorOptions.Section)));
        }
        Assert.Contains("Script:Timeout", keys);
        Assert.Contains("Http:AllowedHosts:0", keys);
    }

    [Fact]
    public void NestedKeysAndArrayIndexesSetTheirSettingsFromTheFileAndTheEnvironment()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "script": { "timeout": "00:00:05" }, "Http": { "AllowedHosts": [ "a.example.com" ] } } }""");
        var environment = new Dictionary<string, string> { ["ORCHESTRATOR_Env__Allowed__0"] = "REGION", ["orchestrator_Http__AllowedHosts__1"] = "b.example.com" };

        using var host = OrchestratorHost.Build(new HostArguments(config), environment: environment);
        var options = host.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.Script.Timeout);
        Assert.Equal(["a.example.com", "b.example.com"], options.Http.AllowedHosts);
        Assert.Equal(["REGION"], options.Env.Allowed);
    }

    [Fact]
    public void EveryDurationSettingHasAStatedRange()
    {
        var durations = WritableKeys(typeof(OrchestratorOptions), "").Where(k => k.Type == typeof(TimeSpan)).Select(k => k.Key);

        Assert.Equal(durations.Order(), OrchestratorOptionsValidator.Durations.Select(d => d.Key).Order());
    }

    [Fact]
    public void TheTopOfEachDurationRangeIsAccepted()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "ShutdownGrace": "01:00:00", "ReloadDebounce": "00:01:00", "Lease": "01:00:00", "Script": { "Timeout": "1.00:00:00" } } }""");

        using var host = OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>());

        Assert.Equal(TimeSpan.FromMinutes(1), host.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ReloadDebounce);
        Assert.Equal(TimeSpan.FromHours(1), host.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.Lease);
    }

    // The settings a user can write, as configuration keys (Script:Timeout), with their types.
    private static IEnumerable<(string Key, Type Type)> WritableKeys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
                foreach (var nested in WritableKeys(property.PropertyType, $"{prefix}{property.Name}:"))
                    yield return nested;
            else
                yield return ($"{prefix}{property.Name}", property.PropertyType);
    }

    [Fact]
    public void AValueThatDoesNotConvertNamesItsKey()
    {
        using var folder = new TempFolder();
        var config = folder.File("orchestrator.json");
        File.WriteAllText(config, """{ "Orchestrator": { "Script": { "Timeout": "soon" } } }""");

        var error = Assert.Throws<InvalidOperationException>(() => OrchestratorHost.Build(new HostArguments(config), environment: new Dictionary<string, string>()));

        Assert.Contains("Orchestrator:Script:Timeout", error.Message);
    }

    [Fact]
    public void PathsAreRelativeToTheConfigFileAndTheEnvironmentAndFlagsOverrideIt()
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
