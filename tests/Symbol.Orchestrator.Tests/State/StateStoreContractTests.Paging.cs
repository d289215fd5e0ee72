using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// The contract's part the HTTP API pages runs with (<see cref="IStateStore.ListRunsPageAsync"/>): newest scheduled first,
/// filtered by workflow and status, and a cursor that neither repeats nor skips a run while runs arrive and change; and
/// each workflow's last run (<see cref="IStateStore.GetLastRunsAsync"/>) in the same order.
/// </summary>
public abstract partial class StateStoreContractTests
{
    [StoreFact]
    public async Task RunPagesListNewestScheduledFirstFilteredByWorkflowAndStatus()
    {
        await CreateAsync("etl", T0);
        var report = await CreateAsync("report", T0.AddHours(1));
        await CreateAsync("etl", T0.AddHours(2));
        await CreateAsync("etl", T0.AddHours(3), status: RunStatus.Pending);
        await Store.SetRunStatusAsync(report.RunId, RunStatus.Failed, T0.AddHours(1).AddMinutes(1), report.LeaseToken);

        Assert.Equal(
            ["etl@2026-11-28T04:00:00Z", "etl@2026-11-28T03:00:00Z", "report@2026-11-28T02:00:00Z", "etl@2026-11-28T01:00:00Z"],
            (await Store.ListRunsPageAsync(null, null, 10)).Select(r => r.RunId));
        Assert.Equal(["etl@2026-11-28T04:00:00Z", "etl@2026-11-28T03:00:00Z", "etl@2026-11-28T01:00:00Z"],
            (await Store.ListRunsPageAsync("etl", null, 10)).Select(r => r.RunId));
        Assert.Equal(["etl@2026-11-28T03:00:00Z", "etl@2026-11-28T01:00:00Z"], (await Store.ListRunsPageAsync("etl", RunStatus.Running, 10)).Select(r => r.RunId));
        Assert.Equal(["report@2026-11-28T02:00:00Z"], (await Store.ListRunsPageAsync(null, RunStatus.Failed, 10)).Select(r => r.RunId));
        Assert.Empty(await Store.ListRunsPageAsync("report", RunStatus.Succeeded, 10));
        Assert.Equal(["etl@2026-11-28T04:00:00Z"], (await Store.ListRunsPageAsync(null, null, 1)).Select(r => r.RunId));
    }

    [StoreFact]
    public async Task PagingByCursorNeitherRepeatsNorSkipsARunWhileRunsArriveAndStart()
    {
        var pending = await CreateAsync("etl", T0, status: RunStatus.Pending);
        for (var hour = 1; hour < 7; hour++)
            await CreateAsync("etl", T0.AddHours(hour));
        // Two runs of one instant (a manual run and a scheduled one) are ordered by id.
        var manual = NewRun("etl", T0.AddHours(3), trigger: RunTrigger.Manual) with { RunId = "etl-manual-1" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(manual, ["a"], "cli", Lease));
        var expected = (await Store.ListRunsPageAsync(null, null, 100)).Select(r => r.RunId).ToList();
        Assert.Equal(8, expected.Count);

        var seen = new List<string>();
        RunCursor? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var runs = await Store.ListRunsPageAsync(null, null, 3, cursor);
            if (runs.Count == 0)
                break;
            seen.AddRange(runs.Select(r => r.RunId));
            cursor = RunCursor.After(runs[^1]);
            // Meanwhile a newer run arrives and the oldest, pending, run starts: neither moves what is left to read.
            await CreateAsync("etl", T0.AddHours(10 + page));
            if (page == 0)
                await Store.SetRunStatusAsync(pending.RunId, RunStatus.Running, T0.AddHours(20), pending.LeaseToken);
        }

        Assert.Equal(expected, seen);
    }

    [StoreFact]
    public async Task LastRunsAreEachWorkflowsNewestScheduledRunInOneReadAsItsRunsPageOrdersThem()
    {
        await CreateAsync("etl", T0);
        await CreateAsync("etl", T0.AddHours(2));
        // Two runs of etl's newest instant (a manual run and the scheduled one): the greater id is the newer, as on a page.
        var manual = NewRun("etl", T0.AddHours(2), trigger: RunTrigger.Manual) with { RunId = "etl-manual-1" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(manual, ["a"], "cli", Lease));
        // report's older run started last (queued, taken late): the scheduled instant decides, not the start as on the CLI's runs.
        var late = NewRun("report", T0, startedAt: T0.AddHours(5));
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(late, ["a"], "host-a", Lease));
        await CreateAsync("report", T0.AddHours(1), status: RunStatus.Pending);
        await CreateAsync("other", T0.AddHours(9));

        var last = await Store.GetLastRunsAsync(["etl", "report", "never_ran", "etl"]);

        Assert.Equal(["etl", "report"], last.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("etl@2026-11-28T03:00:00Z", last["etl"].RunId);
        Assert.Equal("report@2026-11-28T02:00:00Z", last["report"].RunId);
        Assert.Equal(RunStatus.Pending, last["report"].Status);
        foreach (var workflow in new[] { "etl", "report" })
            Assert.Equal((await Store.ListRunsPageAsync(workflow, null, 1))[0], last[workflow]);
        Assert.Empty(await Store.GetLastRunsAsync([]));
        Assert.Empty(await Store.GetLastRunsAsync(["never_ran"]));
    }
}
