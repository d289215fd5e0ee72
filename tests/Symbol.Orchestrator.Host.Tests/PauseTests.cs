using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary><c>orchestrator pause</c> and <c>unpause</c> from a shell while a real host runs an every-second workflow.</summary>
public sealed partial class PauseTests(ITestOutputHelper output)
{
    private const string Tick = """
        workflow tick {
            schedule every 1s
            catchup all
            job write { run ``` files.append("tick.txt", run.scheduledAt + "\n"); ``` }
        }
        """;

    [Fact]
    public void APausedWorkflowSkipsItsFiresAndAfterUnpauseFiresAgainFromTheNextSecondWithoutCatchingUp()
    {
        using var folder = new HostFolder();
        folder.Write(folder.Flow("tick.flow"), Tick);
        using var host = HostProcess.Start(folder.Config);
        Wait.Until(() => Fires.LineCount(folder.DataFile("tick.txt")) >= 2, "two runs before the pause", () => host.Output);

        Assert.Equal(0, Verb("pause", "tick", "--config", folder.Config));
        host.WaitFor("Paused tick (since");
        // Three seconds of wall time paused, counted in the fires the host skipped rather than slept.
        Wait.Until(() => PausedSkips(host.Output).Count >= 3, "three fires skipped while paused", () => host.Output);
        Assert.Equal(0, Verb("unpause", "tick", "--config", folder.Config));
        host.WaitFor("Unpaused tick: next fire");
        var skipped = PausedSkips(host.Output);
        Wait.Until(() => Fires.Appended(folder.DataFile("tick.txt")).Count(f => f > skipped[^1]) >= 3, "three runs after the unpause", () => host.Output);

        var ran = Fires.Appended(folder.DataFile("tick.txt"));
        skipped = PausedSkips(host.Output);
        Assert.Empty(ran.Intersect(skipped));
        Assert.DoesNotContain(ran, f => f >= skipped[0] && f <= skipped[^1]);
        Assert.DoesNotContain("(catchup)", host.Output, StringComparison.Ordinal);
        // Every second up to the last run was either run or skipped (paused, or by overlap on a slow machine), once:
        // the runs resumed at the second after the last one skipped.
        var overlapSkips = AllSkips(host.Output).Except(skipped);
        var seconds = ran.Concat(skipped).Concat(overlapSkips).Where(f => f <= ran[^1]).Order().ToList();
        Fires.AssertEvery(seconds, TimeSpan.FromSeconds(1), host.Output);
        output.WriteLine($"pause seen by the host {SeenAfter(host.Output, "Paused tick"):F0} ms after the verb stored it; {skipped.Count} fires skipped");
    }

    private static int Verb(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Cli.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        Assert.True(exit == 0, $"{string.Join(' ', args)} exited {exit}: {stdout}{stderr}");
        return exit;
    }

    private static List<DateTimeOffset> PausedSkips(string log) =>
        SkipLine().Matches(log).Where(m => m.Groups["why"].Value.StartsWith("paused", StringComparison.Ordinal)).Select(At).Order().ToList();

    private static List<DateTimeOffset> AllSkips(string log) => SkipLine().Matches(log).Select(At).ToList();

    private static DateTimeOffset At(Match m) => DateTimeOffset.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture);

    // The host's log line's own time, less the instant the pause was stored with ("since"), both on this machine's clock.
    private static double SeenAfter(string log, string line)
    {
        var m = SeenLine().Match(log);
        Assert.True(m.Success, $"no '{line}' line:\n{log}");
        return (DateTimeOffset.Parse(m.Groups["logged"].Value, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(m.Groups["since"].Value, CultureInfo.InvariantCulture)).TotalMilliseconds;
    }

    [GeneratedRegex(@"Skipped tick at (?<at>\S+)(?: \(\w+\))?: (?<why>paused|\d+ run)")]
    private static partial Regex SkipLine();

    [GeneratedRegex(@"^(?<logged>\S+) info: \S+ Paused tick \(since (?<since>[^)]+)\)", RegexOptions.Multiline)]
    private static partial Regex SeenLine();
}
