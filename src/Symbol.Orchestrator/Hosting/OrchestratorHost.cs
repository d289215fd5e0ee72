using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Builds and runs the orchestrator host: configuration from <c>orchestrator.json</c>, then <c>ORCHESTRATOR_*</c>
/// environment variables, then flags; options validated at start-up; single-line console logs.
/// </summary>
public static class OrchestratorHost
{
    /// <summary>The console log's timestamp: <c>2026-11-28T09:08:21.034+01:00</c>.</summary>
    internal const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz";

    /// <summary>The categories of a job's log lines: the executor's (a line per attempt) and scripts' own <c>log</c> lines.</summary>
    /// <summary>The alias of OpenTelemetry's logging provider, which the composition root adds when OTLP is on; core references no OpenTelemetry package.</summary>
    internal const string OtlpLogProvider = "OpenTelemetry";

    internal static readonly string[] JobLogCategories = [typeof(Execution.RunExecutor).FullName!, Execution.RunExecutorFactory.ScriptCategory];

    /// <summary>
    /// The host, built from <see cref="OrchestratorServices.AddOrchestrator"/> as every verb is, ready to run, with no
    /// HTTP API (tests, and <c>Http:Enabled false</c>); throws <see cref="FileNotFoundException"/> for a missing
    /// <c>--config</c> file. <paramref name="environment"/>: the variables to read (null: this process's).
    /// <paramref name="compose"/> adds what the caller's composition root adds after <see cref="Configure"/> (the web
    /// project's OpenTelemetry SDK), so the host with no HTTP API gets it too.
    /// </summary>
    public static IHost Build(HostArguments arguments, IReadOnlyDictionary<string, string>? environment = null, Action<IHostApplicationBuilder>? compose = null)
    {
        var source = OrchestratorConfiguration.Locate(arguments);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = source.Folder });
        Configure(builder, source, arguments, environment);
        compose?.Invoke(builder);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkflowHost>());
        return builder.Build();
    }

    /// <summary>
    /// Sets up any host's configuration, services and logging as <c>orchestrator run</c> does: the generic host of
    /// <see cref="Build"/> and the web application that also serves the API. The caller registers how
    /// <see cref="WorkflowHost"/> starts.
    /// </summary>
    public static void Configure(IHostApplicationBuilder builder, OrchestratorConfiguration source, HostArguments arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        source.AddSources(builder.Configuration, arguments, environment);

        var services = builder.Services;
        services.AddOrchestrator(builder.Configuration);
        // The host waits for runs for ShutdownGrace; its own shutdown bound must not cut that short.
        services.AddOptions<HostOptions>().Configure<IOptions<OrchestratorOptions>>((host, o) => host.ShutdownTimeout = o.Value.ShutdownGrace + TimeSpan.FromSeconds(30));
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        // A busy host's console keeps a line per fire and per run's end; a job's lines (its attempts, its script's log)
        // come with --verbose. The OTLP log exporter (the provider OpenTelemetry adds under that alias) takes warnings and
        // errors: each run and job is a span there already, and at 1,000 fires a second exporting the Information lines
        // moved the 99th percentile of fire lateness by 8 to 30 ms (docs/telemetry.md). Added before the "Logging"
        // section, whose rules for either provider ("Console", "OpenTelemetry") then win over these.
        if (!arguments.Verbose)
            foreach (var category in JobLogCategories)
                builder.Logging.AddFilter<ConsoleLoggerProvider>(category, LogLevel.Warning);
        builder.Services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(OtlpLogProvider, categoryName: null, LogLevel.Warning, filter: null)));
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(arguments.Verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // A start that fails (a second host on the store, a newer schema) is reported by RunAsync in one line; the
        // generic host's own "Hosting failed to start" error would print the exception's stack trace before it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // Date, milliseconds and offset: a log read the next morning, or beside another machine's, places each line
        // (HH:mm:ss alone cannot tell 02:00 today from 02:00 yesterday, nor order two lines of one second).
        // Registered before AddConsole, whose binding of Logging:Console then overrides them: "FormatterName": "json"
        // gives one JSON object a line (log shippers), and any FormatterOptions there win over these defaults.
        // The name is set, not left null: with none, the console provider resets the simple formatter's options.
        services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = TimestampFormat + " ";
        });
        services.Configure<JsonConsoleFormatterOptions>(o => o.TimestampFormat = TimestampFormat);
        builder.Logging.AddConsole();
    }

    /// <summary>Runs the host until Ctrl+C / SIGTERM; 0 after a graceful stop, 1 if it could not start or failed (the reason on <paramref name="error"/>).</summary>
    public static Task<int> RunAsync(HostArguments arguments, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(() => Build(arguments), error, cancellationToken);

    /// <summary>Runs the host <paramref name="build"/> makes, as <see cref="RunAsync(HostArguments, TextWriter, CancellationToken)"/> runs its own.</summary>
    public static async Task<int> RunAsync(Func<IHost> build, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        var stopping = CancellationToken.None;
        try
        {
            using var host = build();
            // Resolved before running: RunAsync disposes the service provider on its way out.
            var workflowHost = host.Services.GetRequiredService<WorkflowHost>();
            stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            await host.RunAsync(cancellationToken);
            return workflowHost.Failed ? 1 : 0;
        }
        // Ctrl+C / SIGTERM while the host was still starting (opening its store, binding its port): a stop asked for,
        // not a failure. Nothing had run yet; the next start resumes and catches up as after any stop.
        // SIGTERM reaches the host's own console lifetime, which stops the application; a caller's token may stop it too.
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped before start-up had finished");
            return 0;
        }
        // A bad setting, an unreadable configuration or a corrupt store: one line naming it, no stack trace.
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException
                                      or OptionsValidationException or InvalidOperationException or StateStoreException)
        {
            await error.WriteLineAsync($"error: {OrchestratorConfiguration.Describe(e)}");
            return 1;
        }
    }
}
