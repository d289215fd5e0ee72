using System.CommandLine;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;

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

    /// <summary>The host's options with these flags over them, or null after saying on stderr which key is wrong.</summary>
    public OrchestratorOptions? Settings(ParseResult parsed, CliContext context) =>
        OrchestratorConfiguration.TryLoad(Arguments(parsed), context.Environment, context.Error);

    /// <summary>The existing store the settings name, for a verb that only reads it, or null after saying on stderr why it cannot be used.</summary>
    public async Task<SqliteStateStore?> OpenExistingStoreAsync(ParseResult parsed, CliContext context, CancellationToken cancellationToken) =>
        Settings(parsed, context) is { } settings ? await StateAccess.OpenExistingAsync(settings, context, cancellationToken) : null;

    private HostArguments Arguments(ParseResult parsed) =>
        new(parsed.GetValue(Config), State: parsed.GetValue(State), Data: parsed.GetValue(Data));

    /// <summary><c>--config</c> alone, for the verbs that only compile (<c>validate</c>, <c>preview</c>, <c>graph</c>).</summary>
    public static Option<string?> ConfigOption() => new RunOptions().Config;

    /// <summary>
    /// The settings a verb that only compiles reads as the host does (the file, then <c>ORCHESTRATOR_*</c> variables):
    /// the default zone and <c>Script:Roots</c>. Null after saying on stderr which key is wrong.
    /// </summary>
    public static OrchestratorOptions? CompileSettings(string? config, CliContext context) =>
        OrchestratorConfiguration.TryLoad(new HostArguments(config), context.Environment, context.Error);
}
