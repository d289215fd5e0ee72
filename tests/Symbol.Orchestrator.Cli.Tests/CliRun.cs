using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The present the tests run the CLI at, unless they say otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the verbs in-process through the entry point Program uses, on a clock set to <see cref="Now"/>.</summary>
    public static CliRun Of(params string[] args) => At(Now, args);

    public static CliRun At(DateTimeOffset now, params string[] args) => Run(now, NoVariables, args);

    /// <summary>
    /// Runs the verbs with <paramref name="environment"/> as their environment variables (null: this process's, which
    /// only tests in <see cref="ProcessEnvironmentCollection"/> may change). Other runs see none, so no test leaks into another.
    /// </summary>
    public static CliRun WithEnvironment(IReadOnlyDictionary<string, string>? environment, params string[] args) => Run(Now, environment, args);

    private static readonly Dictionary<string, string> NoVariables = [];

    private static CliRun Run(DateTimeOffset now, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // A bound, not a wait: a verb that should fail fast but starts the host instead stops here rather than hanging the run.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var context = new CliContext(stdout, stderr, new FakeTimeProvider(now), Environment: environment);
        int exit = Cli.RunAsync(args, context, stop.Token).GetAwaiter().GetResult();
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The single JSON document on stdout; fails if there is anything else.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }
}

internal static class JsonElements
{
    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
