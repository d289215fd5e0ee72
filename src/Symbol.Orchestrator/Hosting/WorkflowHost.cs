using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The orchestrator host (docs/semantics.md), as a hosted service: it opens the store at start, runs the
/// <see cref="HostStartup"/> (resume, compile, catch-up, schedule), then hot-reloads the folder through the
/// <see cref="CatalogApplier"/> while the <see cref="FireDispatcher"/> runs each fire, until stopped; then the
/// <see cref="HostShutdown"/>.
/// </summary>
/// <param name="lifetime">
/// When given (a real host), the start-up waits for every hosted service to have started: the web server's address is
/// the host's first line, before the start-up's own.
/// </param>
internal sealed class WorkflowHost(IOptions<OrchestratorOptions> options, TimeProvider time, HostSession session, HostStartup startup, HostShutdown shutdown,
    ILoggerFactory loggers, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>The log category of the host's own lines.</summary>
    public const string LogCategory = "Symbol.Orchestrator.Host";

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);
    private TimeSpan _storeOpenTime;
    private volatile bool _ready;

    /// <summary>True when the host stopped because of an error rather than a request.</summary>
    public bool Failed { get; private set; }

    /// <summary>True once the start-up is done: runs resumed, the folder compiled, missed fires caught up, the schedule running (<c>/readyz</c>).</summary>
    public bool Ready => _ready;

    // The store opens here rather than in ExecuteAsync so that a corrupt or newer store fails host.StartAsync
    // with its message, instead of a background service stopping the host with a stack trace.
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (OrchestratorOptionsValidator.MissingWorkflowsFolder(options.Value) is { } missing)
            throw new OptionsValidationException(Options.DefaultName, typeof(OrchestratorOptions), [missing]);
        _storeOpenTime = await session.OpenAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (lifetime is not null)
                await WhenStartedAsync(lifetime, stoppingToken).ConfigureAwait(false);
            await startup.RunAsync(_storeOpenTime).ConfigureAwait(false);
            _ready = true;
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Failed = true;
            _log.HostFailed(e);
            throw;
        }
        finally
        {
            await shutdown.RunAsync().ConfigureAwait(false);
        }
    }

    private static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
    }
}
