using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;
using Symbol.Orchestrator.State.Postgres;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The one composition root: <c>orchestrator run</c> and every verb build from it, so they agree on the settings,
/// the store, the runner, owner names and loggers.
/// </summary>
public static class OrchestratorServices
{
    /// <summary>
    /// Registers the <see cref="OrchestratorOptions"/> (bound from <paramref name="configuration"/>'s <c>Orchestrator</c>
    /// section, validated at first use), the <see cref="TimeProvider"/>, the <see cref="IStateStoreFactory"/>, the
    /// <see cref="IJobRunner"/>, the <see cref="RunExecutorFactory"/>, the <see cref="Scheduler"/> and the host's parts.
    /// A clock, store factory or runner registered before this call is kept (tests give their own).
    /// </summary>
    /// <param name="configuration">Built as <see cref="OrchestratorConfiguration.AddSources"/> builds it, which also says where relative paths start.</param>
    public static IServiceCollection AddOrchestrator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrchestratorOptions>()
            .Bind(configuration.GetSection(OrchestratorOptions.Section))
            .PostConfigure(o => o.ConfigFolder = configuration[OrchestratorConfiguration.FolderKey] ?? Directory.GetCurrentDirectory())
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrchestratorOptions>, OrchestratorOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(StoreFactory);
        services.TryAddSingleton<IJobRunner>(sp => new ScriptJobRunner(Settings(sp).Sandbox()));
        services.TryAddSingleton<RunExecutorFactory>();
        services.TryAddSingleton(sp => new Scheduler(sp.GetRequiredService<TimeProvider>(), new SchedulerOptions(), sp.GetRequiredService<ILogger<Scheduler>>()));

        // The host's parts, resolved only by `orchestrator run`.
        services.TryAddSingleton<HostEvents>();
        services.TryAddSingleton<HostSession>();
        services.TryAddSingleton<StoreWatch>();
        services.TryAddSingleton<PausedWorkflows>();
        services.TryAddSingleton<FireDispatcher>();
        services.TryAddSingleton<QueuedRunPoller>();
        services.TryAddSingleton<ExpiredLeaseSweep>();
        services.TryAddSingleton<CatalogApplier>();
        services.TryAddSingleton<HostStartup>();
        services.TryAddSingleton<HostShutdown>();
        services.TryAddSingleton<WorkflowHost>();
        services.TryAddSingleton<HostOperations>();
        return services;
    }

    // Chosen by the State setting: a postgres:// URL is a PostgreSQL store (the validator has checked it), a file path a SQLite one.
    private static IStateStoreFactory StoreFactory(IServiceProvider services)
    {
        var settings = Settings(services);
        var time = services.GetRequiredService<TimeProvider>();
        return PostgresUrl.IsUrl(settings.State)
            ? new PostgresStateStoreFactory(PostgresUrl.Parse(settings.State), time, settings.Executor().Lease)
            : new SqliteStateStoreFactory(settings.StatePath, time);
    }

    private static OrchestratorOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
}
