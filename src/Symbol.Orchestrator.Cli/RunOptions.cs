using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Web.Telemetry;

namespace Symbol.Orchestrator.Cli;

/// <summary>
/// <c>--config</c>, <c>--state</c> and <c>--data</c>: what the run verbs share with the host. The settings are read
/// as <c>run</c> reads them (file, then <c>ORCHESTRATOR_*</c> variables, then these flags), so a shell sees the host's store and data.
/// </summary>
internal sealed class RunOptions
{
    public Option<string?> Config { get; } = new Option<string?>("--config") { Description = $"The configuration file (default ./{HostArguments.DefaultConfigFile} if present).", HelpName = "FILE" }.NotBlank();

    public Option<string?> State { get; } = new Option<string?>("--state") { Description = "The SQLite state store (default .orchestrator/state.db).", HelpName = "FILE" }.NotBlank();

    public Option<string?> Data { get; } = new Option<string?>("--data") { Description = "The folder scripts' files API is rooted at (default data).", HelpName = "DIR" }.NotBlank();

    /// <summary>
    /// Adds the options to <paramref name="command"/>. Every run verb takes all three, even one that runs no job
    /// (<c>runs</c>, <c>show</c>), so one shell alias with the flags serves every verb.
    /// </summary>
    public void AddTo(Command command)
    {
        command.Add(Config);
        command.Add(State);
        command.Add(Data);
    }

    /// <summary>
    /// The services the host would build (<see cref="OrchestratorServices.AddOrchestrator"/>) with these flags over its
    /// settings, or null after saying on stderr which key is wrong. Dispose it when the verb is done.
    /// </summary>
    public ServiceProvider? Services(ParseResult parsed, CliContext context) => Services(Arguments(parsed), context);

    /// <summary>
    /// As <see cref="Services(ParseResult, CliContext)"/>, for a verb that runs jobs in this process (<c>trigger</c>,
    /// <c>retry</c>, <c>backfill</c>): with <c>Telemetry:Otlp:Endpoint</c> set, its runs' spans and metrics go by OTLP as
    /// the host's do, the last of them when the services are disposed.
    /// </summary>
    public ServiceProvider? RunnerServices(ParseResult parsed, CliContext context)
    {
        var services = OrchestratorConfiguration.TryBuildServices(Arguments(parsed), context.Environment, context.Time, context.Error,
            (collection, configuration) => OpenTelemetrySetup.AddForVerb(collection, configuration, context.Environment));
        if (services is not null)
            OpenTelemetrySetup.StartExporting(services);
        return services;
    }

    private HostArguments Arguments(ParseResult parsed) =>
        new(parsed.GetValue(Config), State: parsed.GetValue(State), Data: parsed.GetValue(Data));

    /// <summary><c>--config</c> alone, for the verbs that only compile (<c>validate</c>, <c>preview</c>, <c>graph</c>).</summary>
    public static Option<string?> ConfigOption() => new RunOptions().Config;

    /// <summary>
    /// The settings a verb that only compiles reads as the host does (the file, then <c>ORCHESTRATOR_*</c> variables):
    /// the default zone and <c>Script:Roots</c>. Null after saying on stderr which key is wrong.
    /// </summary>
    public static OrchestratorOptions? CompileSettings(string? config, CliContext context)
    {
        using var services = Services(new HostArguments(config), context);
        return services?.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
    }

    /// <summary>
    /// As <see cref="CompileSettings"/>, with the store the settings (or <paramref name="state"/>) name, for a verb that
    /// only compiles but reads the store when there is one (<c>preview</c> marks paused workflows). Dispose it when done.
    /// </summary>
    public static ServiceProvider? CompileServices(string? config, string? state, CliContext context) =>
        Services(new HostArguments(config, State: state), context);

    private static ServiceProvider? Services(HostArguments arguments, CliContext context) =>
        OrchestratorConfiguration.TryBuildServices(arguments, context.Environment, context.Time, context.Error);
}
