using System.CommandLine;
using Symbol.Orchestrator.Cli.Verbs;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Cli;

/// <summary>
/// The <c>orchestrator</c> command line. <see cref="Program"/> and the tests run it through the same entry
/// point, with the writers to print to; exit codes are 0 success, 1 a validation error or failed run, 2 a usage error.
/// </summary>
public static class Cli
{
    // One verb per file; a new verb is one more line here.
    private static readonly Func<CliContext, Command>[] Verbs =
    [
        ValidateVerb.Create,
        PreviewVerb.Create,
        GraphVerb.Create,
        TriggerVerb.Create,
        RunsVerb.Create,
        ShowVerb.Create,
        RetryVerb.Create,
        CancelVerb.Create,
        PauseVerb.Pause,
        PauseVerb.Unpause,
        BackfillVerb.Create,
        RunVerb.Create,
        LspVerb.Create,
    ];

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(stdout, stderr, TimeProvider.System, Live: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Run .flow workflows on their schedules; validate, preview, graph and trigger them; read their run history.");
        foreach (var verb in Verbs)
            root.Add(verb(context));

        var parsed = root.Parse(args);
        // System.CommandLine exits 1 on a parse error; docs/cli.md keeps 1 for failed validation and gives usage errors 2.
        if (parsed.Errors.Count > 0)
        {
            Usage.Write(context.Error, parsed);
            return ExitCodes.Usage;
        }
        // Exceptions come back here rather than to System.CommandLine's handler, which prints their stack traces.
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        // System.CommandLine's own signal handler forces exit 130/143 after 2 s, which would cut the host's
        // shutdown grace short: for `run`, the host's console lifetime handles Ctrl+C and SIGTERM alone.
        if (parsed.CommandResult.Command.Name == RunVerb.Name)
            invocation.ProcessTerminationTimeout = null;
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        // A store or a file that fails under a verb (a store made read-only while a run writes to it), or a run another host
        // took over while this verb ran it (its lease ran out): one line, no stack trace.
        catch (Exception e) when (e is StateStoreException or LeaseLostException or IOException or UnauthorizedAccessException)
        {
            context.WriteError(e.Message);
            return ExitCodes.Failed;
        }
    }
}
