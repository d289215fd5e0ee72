using System.Diagnostics;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// In-process timings of the pieces the host runs between its start and its first fire, or in a reload, so a slow
/// whole-process number can be split without changing the host: they call the same public APIs the host calls.
/// </summary>
internal static class Evidence
{
    /// <summary>
    /// What <c>CatalogApplier.CatchUpAsync</c> does per workflow at start-up on a fresh store, one workflow after the
    /// other: read its watermark, then write it (one awaited write each), on a store of its own in <paramref name="folder"/>.
    /// </summary>
    public static TimeSpan WatermarkRoundTrips(string folder, int workflows)
    {
        return Task.Run(async () =>
        {
            await using var store = await SqliteStateStore.OpenAsync(Path.Combine(folder, "evidence", "state.db"));
            var now = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < workflows; i++)
            {
                await store.GetWatermarkAsync(Corpus.Name(i));
                await store.AdvanceWatermarkAsync(Corpus.Name(i), now);
            }
            return clock.Elapsed;
        }).GetAwaiter().GetResult();
    }

    /// <summary>
    /// What each reload does before it swaps one schedule: compile the whole folder, then fingerprint every workflow
    /// (<c>WorkflowCatalog.Apply</c> compares <see cref="RunDefinition.Capture"/> texts). Medians of <paramref name="rounds"/> after one warm-up, ms.
    /// </summary>
    public static (double Compile, double Fingerprints) ReloadPiecesMs(string workflows, int rounds = 5)
    {
        var options = CompileOptions.Default(DateTimeOffset.UtcNow);
        foreach (var workflow in FlowCompiler.Compile([workflows], options).Workflows)
            RunDefinition.Capture(workflow);
        var compile = new List<double>();
        var fingerprints = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var compilation = FlowCompiler.Compile([workflows], options);
            compile.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            foreach (var workflow in compilation.Workflows)
                RunDefinition.Capture(workflow);
            fingerprints.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Stats.Median(compile), Stats.Median(fingerprints));
    }
}
