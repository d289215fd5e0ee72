using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.Tests.Execution;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary><see cref="OrchestratorServices.AddOrchestrator"/>: what the host and every verb build from.</summary>
public sealed class CompositionRootTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings) { [OrchestratorConfiguration.FolderKey] = _folder.Path })
            .Build();
        var services = new ServiceCollection();
        before?.Invoke(services);
        return services.AddOrchestrator(configuration).BuildServiceProvider();
    }

    [Fact]
    public void SettingsAreBoundFromTheConfigurationWithRelativePathsFromItsFolder()
    {
        using var services = Services(new() { ["Orchestrator:State"] = "db/state.db", ["Orchestrator:Script:Timeout"] = "00:00:05" });

        var options = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), options.Script.Timeout);
        Assert.Equal(Path.Combine(_folder.Path, "db", "state.db"), services.GetRequiredService<IStateStoreFactory>().Location);
    }

    [Fact]
    public void ABadSettingFailsAtFirstUseWithTheValidatorsLine()
    {
        using var services = Services(new() { ["Orchestrator:MaxParallelJobs"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OrchestratorOptions>>().Value);

        Assert.Equal(["Orchestrator:MaxParallelJobs must be 1 or more (found 0)"], error.Failures);
    }

    [Fact]
    public void AClockAndARunnerRegisteredBeforeAreKept()
    {
        var clock = new FakeTimeProvider(T0);
        var runner = new ScriptedRunner();
        using var services = Services([], s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IJobRunner>(runner));

        Assert.Same(clock, services.GetRequiredService<TimeProvider>());
        Assert.Same(runner, services.GetRequiredService<IJobRunner>());
    }

    [Fact]
    public void WithoutOneTheRunnerIsTheSandboxWithTheSettingsLimits()
    {
        using var services = Services([]);

        Assert.IsType<ScriptJobRunner>(services.GetRequiredService<IJobRunner>());
    }

    [Fact]
    public async Task TheHostsExecutorLeasesRunsToTheOwnerSettingAndAVerbsToItsOwnProcess()
    {
        var clock = new FakeTimeProvider(T0);
        using var services = Services(new() { ["Orchestrator:State"] = "state.db", ["Orchestrator:Owner"] = "host-a" },
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IJobRunner>(new ScriptedRunner()));
        var workflow = Workflow();
        await using var store = await services.GetRequiredService<IStateStoreFactory>().OpenAsync();
        var executors = services.GetRequiredService<RunExecutorFactory>();

        var host = await executors.ForHost(store).CreateAsync(workflow, RunTrigger.Schedule, T0);
        var verb = await executors.ForVerb(store).CreateAsync(workflow, RunTrigger.Manual, T0);

        Assert.Equal("host-a", (await store.GetRunAsync(host.Run.RunId))!.LeaseOwner);
        Assert.Equal(ExecutorOptions.ThisProcess, (await store.GetRunAsync(verb.Run.RunId))!.LeaseOwner);
    }

    [Fact]
    public async Task TheLeaseSettingIsHowLongTheHostsAndTheVerbsLeasesLast()
    {
        var clock = new FakeTimeProvider(T0);
        using var services = Services(new() { ["Orchestrator:State"] = "state.db", ["Orchestrator:Lease"] = "00:00:05" },
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IJobRunner>(new ScriptedRunner()));
        var workflow = Workflow();
        await using var store = await services.GetRequiredService<IStateStoreFactory>().OpenAsync();
        var executors = services.GetRequiredService<RunExecutorFactory>();

        var host = await executors.ForHost(store).CreateAsync(workflow, RunTrigger.Schedule, T0);
        var verb = await executors.ForVerb(store).CreateAsync(workflow, RunTrigger.Manual, T0);

        Assert.Equal(T0.AddSeconds(5), (await store.GetRunAsync(host.Run.RunId))!.LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(5), (await store.GetRunAsync(verb.Run.RunId))!.LeaseExpiresAt);
    }

    [Fact]
    public void TheSettingsDefaultsAreTheSandboxsAndTheExecutors()
    {
        var sandbox = new OrchestratorOptions().Sandbox();

        Assert.Equal(
            (SandboxOptions.Default.Timeout, SandboxOptions.Default.MemoryMb, SandboxOptions.Default.MaxStatements, SandboxOptions.Default.MaxRecursion, SandboxOptions.Default.MaxParallelJobs),
            (sandbox.Timeout, sandbox.MemoryMb, sandbox.MaxStatements, sandbox.MaxRecursion, sandbox.MaxParallelJobs));
        Assert.Equal(ExecutorOptions.Default, new OrchestratorOptions().Executor());
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("Etc/UTC", "UTC")] // as a workflow's `timezone "Etc/UTC"` reads
    public void TheDefaultZoneIsFoundAsTheLanguageFindsAWorkflowsZone(string setting, string zone)
    {
        var options = new OrchestratorOptions { DefaultTimeZone = setting };

        Assert.Equal(zone, options.CompileOptionsAt(T0).DefaultTimeZone.Id);
        Assert.DoesNotContain(OrchestratorOptionsValidator.Failures(options), f => f.Contains("DefaultTimeZone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHostWarmsItsRunnerUpBeforeTheFirstFire()
    {
        await using var host = new HostHarness();
        host.Write("w.flow", "workflow w {\n    schedule cron \"* * * * *\"\n    job a { run ``` return 1; ``` }\n}\n");

        await host.StartAsync();

        Assert.Equal(1, host.Runner.WarmUps);
        Assert.Empty(host.Runner.Calls);
    }

    private WorkflowDefinition Workflow()
    {
        var path = Path.Combine(_folder.Path, "w.flow");
        File.WriteAllText(path, "workflow w {\n    job a { run ``` return 1; ``` }\n}\n");
        return FlowCompiler.Compile([path], new CompileOptions(TimeZoneInfo.Utc, T0)).FindWorkflow("w")!;
    }

    public void Dispose() => _folder.Dispose();
}
