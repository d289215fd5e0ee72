using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// <c>orchestrator cancel</c> against a real host: a script spinning in <c>while (true) {}</c> and one in
/// <c>sleep(60000)</c> both end cancelled, and the host carries on firing its other workflows.
/// </summary>
public sealed class CancelTests(ITestOutputHelper output)
{
    // Both blocking jobs fire once, at one instant just ahead; a job after each shows what is not started is skipped.
    private static string Flows(DateTimeOffset at) => $$"""
        workflow spin {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job loop { timeout 10m  run ``` files.write("spin.txt", "1"); while (true) {} ``` }
            job after { run ``` return 1; ``` }
            loop -> after
        }
        workflow nap {
            schedule at "{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"
            job wait { timeout 10m  run ``` files.write("nap.txt", "1"); sleep(60000); ``` }
        }
        workflow ticker {
            schedule every 1s
            job tick { run ``` return 1; ``` }
        }
        """;

    [Fact]
    public async Task CancelStopsASpinningAndASleepingScriptAndTheHostKeepsFiringTheOthers()
    {
        using var folder = new HostFolder();
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        folder.Write(folder.Flow("cancel.flow"), Flows(at));
        using var host = HostProcess.StartVerbose(folder.Config);
        Wait.Until(() => File.Exists(folder.DataFile("spin.txt")) && File.Exists(folder.DataFile("nap.txt")), "both scripts to block", () => host.Output);

        foreach (var workflow in new[] { "spin", "nap" })
        {
            var runId = $"{workflow}@{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z";
            var (exit, stdout, stderr) = await CancelAsync(folder.Config, runId);

            Assert.True(exit == 0, stderr + host.Output);
            using var document = JsonDocument.Parse(stdout);
            var run = document.RootElement;
            Assert.Equal("cancelled", run.GetProperty("status").GetString());
            var job = run.GetProperty("jobs")[0];
            Assert.Equal("cancelled", job.GetProperty("status").GetString());
            Assert.Equal("cancelled", job.GetProperty("attemptHistory")[0].GetProperty("outcome").GetString());
            // Recorded, not asserted: the request's time to the run's end, as the store has them.
            var latency = Instant(run, "finishedAt") - Instant(run, "cancelRequestedAt");
            output.WriteLine($"{workflow}: cancelled {latency.TotalMilliseconds:F0} ms after the request");
            host.WaitFor($"Run {runId} of {workflow} ended cancelled");
        }
        // A job line: the host started with --verbose to log it.
        Assert.Contains("Job after of run spin@", host.Output);

        var ticks = host.Count("of ticker ended succeeded");
        host.WaitFor("of ticker ended succeeded", ticks + 2);
    }

    private static DateTimeOffset Instant(JsonElement run, string field) =>
        DateTimeOffset.Parse(run.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Out, string Error)> CancelAsync(string config, string runId)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await Cli.Cli.RunAsync(["cancel", runId, "--config", config, "--json"], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
