using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The present the tests run the CLI at, unless they say otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the verbs in-process through the entry point Program uses, on a clock set to <paramref name="now"/>.</summary>
    public static CliRun Of(params string[] args) => At(Now, args);

    public static CliRun At(DateTimeOffset now, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Cli.RunAsync(args, new CliContext(stdout, stderr, new FakeTimeProvider(now))).GetAwaiter().GetResult();
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
