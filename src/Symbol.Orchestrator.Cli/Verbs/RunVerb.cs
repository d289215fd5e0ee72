using System.CommandLine;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Web;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>run [--config FILE] [--workflows DIR] [--state FILE] [--data DIR] [--verbose]</c>: the orchestrator host, with its HTTP API and
/// dashboard unless <c>Http:Enabled</c> is false, until Ctrl+C or SIGTERM; exit 0 after a graceful stop, 1 if it cannot
/// start (a bad setting, a corrupt store, an address in use).
/// </summary>
internal static class RunVerb
{
    public const string Name = "run";

    public static Command Create(CliContext context)
    {
        var workflows = new Option<string?>("--workflows") { Description = "The folder of .flow files to run and watch (default workflows).", HelpName = "DIR" }.NotBlank();
        var verbose = new Option<bool>("--verbose") { Description = "Also log a line per job attempt and script log line, and the host's debug lines (by default: a line per fire and per run's end)." };
        var options = new RunOptions();
        var command = new Command(Name, "Run the host: fire every workflow in the folder on its schedule, hot-reload the folder, catch up and resume after downtime.") { workflows, verbose };
        options.AddTo(command);
        command.SetAction((parsed, ct) => OrchestratorWebHost.RunAsync(
            new HostArguments(parsed.GetValue(options.Config), parsed.GetValue(workflows), parsed.GetValue(options.State), parsed.GetValue(options.Data),
                parsed.GetValue(verbose)),
            context.Error, ct));
        return command;
    }
}
