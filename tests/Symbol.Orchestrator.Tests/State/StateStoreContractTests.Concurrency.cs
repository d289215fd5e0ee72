using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// The contract's part that makes <c>concurrency</c> hold across hosts: a run created or taken with <c>maxActive</c> is counted
/// against the workflow's active runs in the same write, one writer after another, whoever the writers are.
/// </summary>
public abstract partial class StateStoreContractTests
{
    [StoreFact]
    public async Task AtTheLimitNothingIsWrittenNotEvenTheWatermark()
    {
        await CreateAsync("etl", T0);
        var next = NewRun("etl", T0.AddMinutes(1));

        Assert.Equal(RunCreation.AtLimit, await Store.TryCreateRunAsync(next, ["a"], "host-b", Lease, maxActive: 1));

        Assert.Null(await Store.GetRunAsync(next.RunId));
        Assert.Empty(await Store.GetJobsAsync(next.RunId));
        Assert.Equal(T0, await Store.GetWatermarkAsync("etl"));
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(next, ["a"], "host-b", Lease, maxActive: 2));
        Assert.Equal(T0.AddMinutes(1), await Store.GetWatermarkAsync("etl"));
    }

    [StoreFact]
    public async Task AFireAnotherHostCreatedExistsRatherThanBeingAtTheLimit()
    {
        var first = await CreateAsync("etl", T0);

        Assert.Equal(RunCreation.Exists, await Store.TryCreateRunAsync(first, ["a"], "host-b", Lease, maxActive: 1));
        Assert.Equal("host-a", (await Store.GetRunAsync(first.RunId))!.LeaseOwner);
    }

    [StoreFact]
    public async Task TheLimitCountsActiveRunsAsTheyAreListedNotFinishedExpiredQueuedOrOtherWorkflowsRuns()
    {
        var finished = await CreateAsync("etl", T0);
        await Store.SetRunStatusAsync(finished.RunId, RunStatus.Succeeded, T0.AddSeconds(1), finished.LeaseToken);
        await CreateAsync("etl", T0.AddMinutes(1));
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        await Store.EnqueueRunsAsync([Backfill("etl", T0.AddMinutes(2))]);
        await CreateAsync("other", T0.AddMinutes(3));
        Assert.Empty(await Store.ListActiveRunsAsync("etl"));

        var manual = NewRun("etl", T0.AddMinutes(4), trigger: RunTrigger.Manual) with { RunId = "etl@manual-1" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(manual, ["a"], "cli", Lease, maxActive: 1));
        // A pending run (created, not started yet) is active as a running one is, and a manual run counts as a fire does.
        var pending = NewRun("etl", T0.AddMinutes(5), RunStatus.Pending);
        Assert.Equal(RunCreation.AtLimit, await Store.TryCreateRunAsync(pending, ["a"], "host-a", Lease, maxActive: 1));
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(pending, ["a"], "host-a", Lease, maxActive: 2));
        Assert.Equal(RunCreation.AtLimit,
            await Store.TryCreateRunAsync(manual with { RunId = "etl@manual-2" }, ["a"], "cli", Lease, maxActive: 2));
    }

    [StoreFact]
    public async Task ManyCreatorsOfDifferentInstantsWithinOneSlotCreateExactlyOneRun()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => Store.TryCreateRunAsync(NewRun("etl", T0.AddSeconds(i)), ["a", "b"], $"host-{i % 3}", Lease, maxActive: 1))));

        Assert.Equal(1, results.Count(r => r == RunCreation.Created));
        Assert.Equal(23, results.Count(r => r == RunCreation.AtLimit));
        Assert.Single(await Store.ListActiveRunsAsync("etl"));
        Assert.Single(await Store.ListRunsAsync("etl", 100));
    }

    [StoreFact]
    public async Task ManyCreatorsWithinTwoSlotsCreateTwoRunsAndLeaveOtherWorkflowsAlone()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => Store.TryCreateRunAsync(NewRun(i % 2 == 0 ? "etl" : "report", T0.AddSeconds(i)), ["a"], $"host-{i % 3}", Lease, maxActive: 2))));

        Assert.Equal(4, results.Count(r => r == RunCreation.Created));
        Assert.Equal(2, (await Store.ListActiveRunsAsync("etl")).Count);
        Assert.Equal(2, (await Store.ListActiveRunsAsync("report")).Count);
    }

    [StoreFact]
    public async Task AQueuedRunIsNotTakenAtTheLimitAndStaysQueued()
    {
        var id = Assert.Single(await Store.EnqueueRunsAsync([Backfill("etl", T0)]));
        await CreateAsync("etl", T0.AddDays(1));

        Assert.Null(await Store.TryTakeQueuedRunAsync(id, "host-b", Lease, T0, maxActive: 1));

        Assert.True((await Store.GetRunAsync(id))!.IsQueued);
        Assert.NotNull(await Store.TryTakeQueuedRunAsync(id, "host-b", Lease, T0, maxActive: 2));
        Assert.Equal("host-b", (await Store.GetRunAsync(id))!.LeaseOwner);
    }

    [StoreFact]
    public async Task ManyTakersOfDifferentQueuedRunsWithinOneSlotTakeExactlyOne()
    {
        var ids = await Store.EnqueueRunsAsync(Enumerable.Range(0, 12).Select(i => Backfill("etl", T0.AddDays(i))).ToList());

        var taken = await Task.WhenAll(ids.Select((id, i) => Task.Run(() => Store.TryTakeQueuedRunAsync(id, $"host-{i % 3}", Lease, T0, maxActive: 1))));

        Assert.Equal(1, taken.Count(t => t is not null));
        Assert.Single(await Store.ListActiveRunsAsync("etl"));
        Assert.Equal(11, (await Store.ListQueuedRunsAsync("etl", 100)).Count);
    }
}
