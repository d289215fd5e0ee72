using Microsoft.Extensions.Time.Testing;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Tests.State;

/// <summary>
/// What every <see cref="IStateStore"/> promises, written once; each implementation runs it by
/// deriving from this class and opening its kind of store (<see cref="SqliteStateStoreTests"/>,
/// <see cref="InMemoryStateStoreTests"/>; a new store adds one such class of a few lines). Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public abstract partial class StateStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private IStateStore? _store;

    protected FakeTimeProvider Time { get; } = new(T0);

    protected IStateStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens the store under test: the same storage every time within one test, fresh storage for each test.</summary>
    protected abstract Task<IStateStore> OpenStoreAsync(TimeProvider time);

    public async Task InitializeAsync() => _store = await OpenStoreAsync(Time);

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync();
        _store = null;
    }

    /// <summary>Closes the store and opens it again, as a host restart does.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync(Time);
    }

    protected static RunRecord NewRun(string workflow, DateTimeOffset scheduledAt, RunStatus status = RunStatus.Running, DateTimeOffset? startedAt = null, RunTrigger trigger = RunTrigger.Schedule) => new(
        RunId: RunRecord.ScheduledRunId(workflow, scheduledAt),
        Workflow: workflow,
        Status: status,
        Trigger: trigger,
        ScheduledAt: scheduledAt,
        StartedAt: startedAt ?? (status == RunStatus.Pending ? null : scheduledAt),
        FinishedAt: null,
        DefinitionPath: $"workflows/{workflow}.flow",
        DefinitionJson: $$"""{"workflows/{{workflow}}.flow":"workflow {{workflow}} { job a { return 1 } }"}""",
        ParamsJson: """{"region":"eu"}""");

    protected async Task<RunRecord> CreateAsync(string workflow, DateTimeOffset scheduledAt, string[]? jobs = null, string owner = "host-a", RunStatus status = RunStatus.Running)
    {
        var run = NewRun(workflow, scheduledAt, status);
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(run, jobs ?? ["ingest", "transform", "load"], owner, Lease));
        return run with { LeaseToken = 1 };
    }

    private static AttemptFinish Success(RunRecord run, string job, int attempt, string output, DateTimeOffset at, params string[] logs) =>
        new(run.RunId, job, attempt, AttemptOutcome.Succeeded, at, output, null, logs, JobStatus.Succeeded, run.LeaseToken);

    private static AttemptFinish Failure(RunRecord run, string job, int attempt, string error, DateTimeOffset at, JobStatus newStatus, params string[] logs) =>
        new(run.RunId, job, attempt, AttemptOutcome.Failed, at, null, error, logs, newStatus, run.LeaseToken);

    [StoreFact]
    public async Task ACreatedRunReadsBackWithItsJobsPendingInOrder()
    {
        var run = await CreateAsync("etl", T0, ["ingest", "transform", "validate", "load"]);

        var read = await Store.GetRunAsync(run.RunId);
        Assert.Equal(run with { LeaseOwner = "host-a", LeaseExpiresAt = T0 + Lease }, read);
        var jobs = await Store.GetJobsAsync(run.RunId);
        Assert.Equal(["ingest", "transform", "validate", "load"], jobs.Select(j => j.Job));
        Assert.All(jobs, j => Assert.Equal(new JobRecord(run.RunId, j.Job, JobStatus.Pending, 0, null, null, null, null), j));
        Assert.Empty(await Store.GetAttemptsAsync(run.RunId));
    }

    [StoreFact]
    public async Task AnUnknownRunReadsAsNullAndEmpty()
    {
        Assert.Null(await Store.GetRunAsync("etl@2026-11-28T01:00:00Z"));
        Assert.Empty(await Store.GetJobsAsync("etl@2026-11-28T01:00:00Z"));
        Assert.Empty(await Store.GetAttemptsAsync("etl@2026-11-28T01:00:00Z"));
    }

    [StoreFact]
    public async Task AScheduledInstantIsCreatedOnceAndTheFirstRunIsKept()
    {
        var first = await CreateAsync("etl", T0);
        var second = NewRun("etl", T0) with { DefinitionJson = "{}", Trigger = RunTrigger.Catchup };

        Assert.Equal(RunCreation.Exists, await Store.TryCreateRunAsync(second, ["other"], "host-b", Lease));

        var read = await Store.GetRunAsync(first.RunId);
        Assert.Equal(first.DefinitionJson, read!.DefinitionJson);
        Assert.Equal(RunTrigger.Schedule, read.Trigger);
        Assert.Equal("host-a", read.LeaseOwner);
        Assert.Equal(["ingest", "transform", "load"], (await Store.GetJobsAsync(first.RunId)).Select(j => j.Job));
    }

    [StoreFact]
    public async Task ConcurrentCreatesOfOneScheduledInstantSucceedExactlyOnce()
    {
        var run = NewRun("etl", T0);
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => Store.TryCreateRunAsync(run, ["a", "b"], $"host-{i}", Lease))));

        Assert.Single(results, created => created == RunCreation.Created);
        Assert.Equal(2, (await Store.GetJobsAsync(run.RunId)).Count);
    }

    [StoreFact]
    public async Task RunsListNewestFirstLimitedAndFilteredByWorkflow()
    {
        await CreateAsync("etl", T0);
        await CreateAsync("report", T0.AddHours(1));
        await CreateAsync("etl", T0.AddHours(2));
        await CreateAsync("etl", T0.AddHours(3), status: RunStatus.Pending);   // not started: sorts by its scheduled instant

        var all = await Store.ListRunsAsync(null, 10);
        Assert.Equal(
            ["etl@2026-11-28T04:00:00Z", "etl@2026-11-28T03:00:00Z", "report@2026-11-28T02:00:00Z", "etl@2026-11-28T01:00:00Z"],
            all.Select(r => r.RunId));
        Assert.Equal(["etl@2026-11-28T04:00:00Z", "etl@2026-11-28T03:00:00Z"], (await Store.ListRunsAsync(null, 2)).Select(r => r.RunId));
        Assert.Equal(
            ["etl@2026-11-28T04:00:00Z", "etl@2026-11-28T03:00:00Z", "etl@2026-11-28T01:00:00Z"],
            (await Store.ListRunsAsync("etl", 10)).Select(r => r.RunId));
        Assert.Equal(["report@2026-11-28T02:00:00Z"], (await Store.ListRunsAsync("report", 10)).Select(r => r.RunId));
        Assert.Empty(await Store.ListRunsAsync("nothing", 10));
    }

    [StoreFact]
    public async Task RunsStartedByHandListByTheirStartBeforeTheScheduledInstant()
    {
        // A manual run of an old instant started last: it is the newest.
        var manual = NewRun("etl", T0, startedAt: T0.AddHours(5), trigger: RunTrigger.Manual) with { RunId = "etl-manual-1" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(manual, ["a"], "cli", Lease));
        await CreateAsync("etl", T0.AddHours(1));

        Assert.Equal(["etl-manual-1", "etl@2026-11-28T02:00:00Z"], (await Store.ListRunsAsync("etl", 10)).Select(r => r.RunId));
    }

    [StoreFact]
    public async Task AttemptsRoundTripWithTheirOutcomesErrorsAndLogs()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0.AddSeconds(1), 1);
        await Store.FinishAttemptAsync(Failure(run, "ingest", 1, "TypeError: x is undefined (etl.flow:12)", T0.AddSeconds(2), JobStatus.Pending, "fetching", "warn: slow"));
        await Store.StartAttemptAsync(run.RunId, "ingest", 2, T0.AddSeconds(5), 1);
        await Store.FinishAttemptAsync(Success(run, "ingest", 2, """{"rows":3}""", T0.AddSeconds(6), "fetched 3 rows", "ünïcödé ✓ \"quoted\"\nsecond line"));
        await Store.StartAttemptAsync(run.RunId, "transform", 1, T0.AddSeconds(7), 1);

        var attempts = await Store.GetAttemptsAsync(run.RunId);
        Assert.Equal(3, attempts.Count);
        Assert.Equal(new AttemptRecord(run.RunId, "ingest", 1, AttemptOutcome.Failed, T0.AddSeconds(1), T0.AddSeconds(2), "TypeError: x is undefined (etl.flow:12)", []) { Owner = "host-a" },
            attempts[0] with { Logs = [] });
        Assert.Equal(["fetching", "warn: slow"], attempts[0].Logs);
        Assert.Equal((AttemptOutcome.Succeeded, (string?)null), (attempts[1].Outcome, attempts[1].Error));
        Assert.Equal(["fetched 3 rows", "ünïcödé ✓ \"quoted\"\nsecond line"], attempts[1].Logs);
        Assert.Equal(new AttemptRecord(run.RunId, "transform", 1, AttemptOutcome.Running, T0.AddSeconds(7), null, null, []) { Owner = "host-a" }, attempts[2] with { Logs = [] });
        Assert.Empty(attempts[2].Logs);

        Assert.Equal(
            new JobRecord(run.RunId, "ingest", JobStatus.Succeeded, 2, """{"rows":3}""", null, T0.AddSeconds(1), T0.AddSeconds(6)) { LastAttempt = 2, RunTime = TimeSpan.FromSeconds(2) }, // 1 s an attempt: the 3 s between them are not run time
            (await Store.GetJobsAsync(run.RunId))[0]);
    }

    [StoreFact]
    public async Task OutputsRoundTripExactly()
    {
        var run = await CreateAsync("etl", T0);
        var large = $$"""{"text":"{{new string('x', 1024 * 1024 - 20)}}"}""";
        string[] outputs = [large, """{"name":"Zoë","emoji":"🚀","nested":{"a":[1,2.5,null,true]}}""", "null"];
        var jobs = new[] { "ingest", "transform", "load" };
        for (var i = 0; i < jobs.Length; i++)
        {
            await Store.StartAttemptAsync(run.RunId, jobs[i], 1, T0, 1);
            await Store.FinishAttemptAsync(Success(run, jobs[i], 1, outputs[i], T0));
        }

        Assert.Equal(outputs, (await Store.GetJobsAsync(run.RunId)).Select(j => j.OutputJson));
    }

    [StoreFact]
    public async Task AJobMovesThroughRunningFailedSkippedAndBackToPendingForARetry()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        Assert.Equal(JobStatus.Running, (await Job(run, "ingest")).Status);
        await Store.FinishAttemptAsync(Failure(run, "ingest", 1, "boom", T0.AddSeconds(1), JobStatus.Failed));
        await Store.SetJobStatusAsync(run.RunId, ["transform", "load"], JobStatus.Skipped, 1);

        Assert.Equal([JobStatus.Failed, JobStatus.Skipped, JobStatus.Skipped], (await Store.GetJobsAsync(run.RunId)).Select(j => j.Status));
        Assert.Equal(new JobRecord(run.RunId, "ingest", JobStatus.Failed, 1, null, "boom", T0, T0.AddSeconds(1)) { LastAttempt = 1, RunTime = TimeSpan.FromSeconds(1) }, await Job(run, "ingest"));

        // A retry of the run: the job starts over with fresh retries; attempt numbers, and the time its attempts ran, carry on.
        await Store.SetJobStatusAsync(run.RunId, ["ingest", "transform", "load"], JobStatus.Pending, 1);
        var reset = await Job(run, "ingest");
        Assert.Equal(new JobRecord(run.RunId, "ingest", JobStatus.Pending, 0, null, null, null, null) { LastAttempt = 1, RunTime = TimeSpan.FromSeconds(1) }, reset);
        await Store.StartAttemptAsync(run.RunId, "ingest", reset.LastAttempt + 1, T0.AddMinutes(1), 1);
        await Store.FinishAttemptAsync(Success(run, "ingest", 2, "{}", T0.AddMinutes(2)));
        Assert.Equal(new JobRecord(run.RunId, "ingest", JobStatus.Succeeded, 1, "{}", null, T0.AddMinutes(1), T0.AddMinutes(2)) { LastAttempt = 2, RunTime = TimeSpan.FromSeconds(61) }, await Job(run, "ingest"));
        Assert.Equal(2, (await Store.GetAttemptsAsync(run.RunId)).Count);
    }

    [StoreFact]
    public async Task AJobStatusChangeNamingAnUnknownJobChangesNothing()
    {
        var run = await CreateAsync("etl", T0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetJobStatusAsync(run.RunId, ["transform", "nope"], JobStatus.Skipped, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetJobStatusAsync(run.RunId, ["transform"], JobStatus.Running, 1));

        Assert.All(await Store.GetJobsAsync(run.RunId), j => Assert.Equal(JobStatus.Pending, j.Status));
    }

    [StoreFact]
    public async Task AnAttemptCannotStartTwiceAlongsideAnotherOrForAnUnknownJob()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.StartAttemptAsync(run.RunId, "ingest", 2, T0, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.StartAttemptAsync(run.RunId, "nope", 1, T0, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.StartAttemptAsync("no-such-run", "ingest", 1, T0, 1));
        await Store.FinishAttemptAsync(Failure(run, "ingest", 1, "boom", T0, JobStatus.Running));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1));

        await Store.StartAttemptAsync(run.RunId, "ingest", 2, T0, 1);
        Assert.Equal(2, (await Job(run, "ingest")).Attempts);
        Assert.Equal(2, (await Store.GetAttemptsAsync(run.RunId)).Count);
    }

    [StoreFact]
    public async Task AnAttemptFinishesOnce()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        await Store.FinishAttemptAsync(Success(run, "ingest", 1, "1", T0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.FinishAttemptAsync(Success(run, "ingest", 1, "2", T0)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.FinishAttemptAsync(Success(run, "transform", 1, "2", T0)));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FinishAttemptAsync(Success(run, "ingest", 1, "2", T0) with { Outcome = AttemptOutcome.Running }));
        Assert.Equal("1", (await Job(run, "ingest")).OutputJson);
    }

    [StoreFact]
    public async Task AnAttemptInterruptedByAGracefulStopGivesItsRetryBack()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);

        await Store.FinishAttemptAsync(new AttemptFinish(run.RunId, "ingest", 1, AttemptOutcome.Interrupted, T0.AddSeconds(1), null, "host stopping", ["partial"], JobStatus.Pending, 1));

        var job = await Job(run, "ingest");
        Assert.Equal((JobStatus.Pending, 0, 1, (DateTimeOffset?)null), (job.Status, job.Attempts, job.LastAttempt, job.FinishedAt));
        Assert.Equal(AttemptOutcome.Interrupted, Assert.Single(await Store.GetAttemptsAsync(run.RunId)).Outcome);
    }

    [StoreFact]
    public async Task ARunKeepsItsFirstStartAndRecordsItsFinish()
    {
        var run = await CreateAsync("etl", T0.AddHours(-1), status: RunStatus.Pending);
        Assert.Null((await Store.GetRunAsync(run.RunId))!.StartedAt);

        await Store.SetRunStatusAsync(run.RunId, RunStatus.Running, T0, 1);
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Failed, T0.AddMinutes(1), 1);
        Assert.Equal((RunStatus.Failed, T0, T0.AddMinutes(1)), Times(await Store.GetRunAsync(run.RunId)));

        await Store.SetRunStatusAsync(run.RunId, RunStatus.Running, T0.AddMinutes(5), 1);   // retried
        Assert.Equal((RunStatus.Running, T0, (DateTimeOffset?)null), Times(await Store.GetRunAsync(run.RunId)));
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, T0.AddMinutes(6), 1);
        Assert.Equal((RunStatus.Succeeded, T0, T0.AddMinutes(6)), Times(await Store.GetRunAsync(run.RunId)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SetRunStatusAsync("no-such-run", RunStatus.Running, T0, 1));

        static (RunStatus, DateTimeOffset?, DateTimeOffset?) Times(RunRecord? r) => (r!.Status, r.StartedAt, r.FinishedAt);
    }

    [StoreFact]
    public async Task AWatermarkOnlyMovesForwardPerWorkflow()
    {
        Assert.Null(await Store.GetWatermarkAsync("etl"));

        await Store.AdvanceWatermarkAsync("etl", T0);
        await Store.AdvanceWatermarkAsync("etl", T0.AddHours(-1));
        Assert.Equal(T0, await Store.GetWatermarkAsync("etl"));

        await Store.AdvanceWatermarkAsync("etl", T0.AddSeconds(1));
        await Store.AdvanceWatermarkAsync("report", T0.AddDays(-3));
        Assert.Equal(T0.AddSeconds(1), await Store.GetWatermarkAsync("etl"));
        Assert.Equal(T0.AddDays(-3), await Store.GetWatermarkAsync("report"));
    }

    [StoreFact]
    public async Task ManyWatermarksAreReadAtOnceAndAWorkflowNeverSeenIsLeftOut()
    {
        Assert.Empty(await Store.GetWatermarksAsync([]));
        Assert.Empty(await Store.GetWatermarksAsync(["etl"]));

        await Store.AdvanceWatermarkAsync("etl", T0);
        await Store.AdvanceWatermarkAsync("report", T0.AddDays(-3));
        await Store.AdvanceWatermarkAsync("other", T0.AddHours(1));
        // Names as a standby host asks for them: its due fires, a name twice, one the store has never seen.
        var read = await Store.GetWatermarksAsync(["etl", "report", "etl", "never-fired"]);

        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["etl"] = T0, ["report"] = T0.AddDays(-3) }, read);
    }

    [StoreFact]
    public async Task CreatingAScheduledOrCaughtUpRunAdvancesItsWatermarkInTheSameWriteAndAManualOneDoesNot()
    {
        await CreateAsync("etl", T0);
        Assert.Equal(T0, await Store.GetWatermarkAsync("etl"));

        // Catch-up runs of older instants never move it back; a newer one moves it on; so does a run that already exists.
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(NewRun("etl", T0.AddHours(-2), trigger: RunTrigger.Catchup), ["a"], "host-a", Lease));
        Assert.Equal(T0, await Store.GetWatermarkAsync("etl"));
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(NewRun("etl", T0.AddHours(1), trigger: RunTrigger.Catchup), ["a"], "host-a", Lease));
        Assert.Equal(T0.AddHours(1), await Store.GetWatermarkAsync("etl"));

        var manual = NewRun("etl", T0.AddHours(5), trigger: RunTrigger.Manual) with { RunId = "etl@manual-1" };
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(manual, ["a"], "cli", Lease));
        Assert.Equal(T0.AddHours(1), await Store.GetWatermarkAsync("etl"));
        Assert.Equal(RunCreation.Created, await Store.TryCreateRunAsync(NewRun("report", T0, trigger: RunTrigger.Manual) with { RunId = "report@manual-1" }, ["a"], "cli", Lease));
        Assert.Null(await Store.GetWatermarkAsync("report"));
    }

    [StoreFact]
    public async Task AJobsRunTimeAddsUpItsAttemptsWithoutTheWaitsBetweenThemNorAnInterruptedAttempt()
    {
        var run = await CreateAsync("etl", T0);
        Assert.Null((await Job(run, "ingest")).RunTime);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        await Store.FinishAttemptAsync(Failure(run, "ingest", 1, "boom", T0.AddSeconds(2), JobStatus.Pending));
        await Store.StartAttemptAsync(run.RunId, "ingest", 2, T0.AddSeconds(12), 1);
        Time.Advance(Lease + TimeSpan.FromMinutes(30));
        // The host running attempt 2 died; another claims the run half an hour later and runs attempt 3 for 1.5 s.
        var claimed = Assert.Single(await Store.ClaimInterruptedRunsAsync("host-b", Lease));
        var resumed = Time.GetUtcNow();
        await Store.StartAttemptAsync(run.RunId, "ingest", 3, resumed, claimed.LeaseToken);
        await Store.FinishAttemptAsync(Success(claimed, "ingest", 3, "{}", resumed.AddMilliseconds(1500)));

        var job = await Job(run, "ingest");
        Assert.Equal((TimeSpan.FromMilliseconds(3500), 3, 2), (job.RunTime, job.LastAttempt, job.Attempts));
    }

    [StoreFact]
    public async Task AnotherHostClaimsARunOnlyAfterItsLeaseExpired()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        await Store.FinishAttemptAsync(Success(run, "ingest", 1, """{"rows":3}""", T0));
        await Store.StartAttemptAsync(run.RunId, "transform", 1, T0.AddSeconds(1), 1);

        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await Store.ClaimInterruptedRunsAsync("host-b", Lease));

        Time.Advance(TimeSpan.FromSeconds(1));
        var claimed = Assert.Single(await Store.ClaimInterruptedRunsAsync("host-b", Lease));
        Assert.Equal((run.RunId, RunStatus.Running, "host-b", Time.GetUtcNow() + Lease, 2L), (claimed.RunId, claimed.Status, claimed.LeaseOwner, claimed.LeaseExpiresAt, claimed.LeaseToken));

        // The succeeded job and its output stay; the running one is pending again, its attempt interrupted and not counted.
        var jobs = await Store.GetJobsAsync(run.RunId);
        Assert.Equal([JobStatus.Succeeded, JobStatus.Pending, JobStatus.Pending], jobs.Select(j => j.Status));
        Assert.Equal("""{"rows":3}""", jobs[0].OutputJson);
        Assert.Equal((0, 1), (jobs[1].Attempts, jobs[1].LastAttempt));
        var interrupted = (await Store.GetAttemptsAsync(run.RunId))[1];
        // Its end is unknown: the host died at some moment before the claim, which comes after the downtime.
        Assert.Equal((AttemptOutcome.Interrupted, null), (interrupted.Outcome, interrupted.FinishedAt));

        // The first host's late finish is refused, as a lost lease; the new owner runs the job again.
        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => Store.FinishAttemptAsync(Success(run, "transform", 1, "{}", Time.GetUtcNow())));
        Assert.Equal((run.RunId, "host-b"), (lost.RunId, lost.Holder));
        Assert.Empty(await Store.ClaimInterruptedRunsAsync("host-c", Lease));
        await Store.StartAttemptAsync(run.RunId, "transform", 2, Time.GetUtcNow(), claimed.LeaseToken);
        Assert.Equal(["host-a", "host-a", "host-b"], (await Store.GetAttemptsAsync(run.RunId)).Select(a => a.Owner));
        Assert.Equal((JobStatus.Running, 1, 2), (await Job(run, "transform")) is var t ? (t.Status, t.Attempts, t.LastAttempt) : default);
    }

    [StoreFact]
    public async Task EveryClaimOfARunBumpsItsLeaseToken()
    {
        var run = await CreateAsync("etl", T0);
        var queued = Assert.Single(await Store.EnqueueRunsAsync([Backfill("etl", T0.AddDays(1))]));
        Assert.Equal((1L, 0L), ((await Store.GetRunAsync(run.RunId))!.LeaseToken, (await Store.GetRunAsync(queued))!.LeaseToken));

        Assert.Equal(1, await Store.TryTakeQueuedRunAsync(queued, "host-b", Lease, T0));
        Time.Advance(Lease);
        Assert.Equal([(run.RunId, 2L), (queued, 2L)], (await Store.ClaimInterruptedRunsAsync("host-a", Lease, [])).Select(r => (r.RunId, r.LeaseToken)));
        Time.Advance(Lease);
        var taken = await Store.ClaimExpiredRunsAsync("host-c", Lease, 10);
        Assert.Equal([(run.RunId, 3L), (queued, 3L)], taken.Select(t => (t.Run.RunId, t.Run.LeaseToken)));
        Assert.Equal(4, await Store.TryLeaseRunAsync(run.RunId, "host-c", Lease));
        Assert.Equal(4, (await Store.GetRunAsync(run.RunId))!.LeaseToken);
    }

    [StoreFact]
    public async Task EveryWriteUnderAStaleLeaseTokenChangesNothingAndSaysTheLeaseIsLost()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, run.LeaseToken);
        await Store.FinishAttemptAsync(Success(run, "ingest", 1, "{}", T0.AddSeconds(1)));
        await Store.StartAttemptAsync(run.RunId, "transform", 1, T0.AddSeconds(1), run.LeaseToken);
        // host-a freezes past its lease; host-b takes the run over (its attempt of transform is interrupted).
        Time.Advance(Lease);
        var taken = Assert.Single(await Store.ClaimExpiredRunsAsync("host-b", Lease, 10)).Run;
        var before = await SnapshotAsync(run.RunId);

        // host-a wakes up and goes on as if nothing happened: every write of its is refused, and none changes a thing.
        var refused = new Func<Task>[]
        {
            () => Store.FinishAttemptAsync(Success(run, "transform", 1, """{"late":true}""", Time.GetUtcNow())),
            () => Store.StartAttemptAsync(run.RunId, "load", 1, Time.GetUtcNow(), run.LeaseToken),
            () => Store.StartAttemptAsync(run.RunId, "transform", 2, Time.GetUtcNow(), run.LeaseToken),
            () => Store.SetJobStatusAsync(run.RunId, ["load"], JobStatus.Skipped, run.LeaseToken),
            () => Store.SetJobStatusAsync(run.RunId, ["ingest"], JobStatus.Pending, run.LeaseToken),
            () => Store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, Time.GetUtcNow(), run.LeaseToken),
        };
        foreach (var write in refused)
        {
            var lost = await Assert.ThrowsAsync<LeaseLostException>(write);
            Assert.Equal((run.RunId, "host-b"), (lost.RunId, lost.Holder));
            Assert.IsAssignableFrom<InvalidOperationException>(lost);
        }
        Assert.Equal(before, await SnapshotAsync(run.RunId));

        // Under the current token the same writes go through.
        await Store.StartAttemptAsync(run.RunId, "transform", 2, Time.GetUtcNow(), taken.LeaseToken);
        await Store.FinishAttemptAsync(Success(taken, "transform", 2, """{"rows":3}""", Time.GetUtcNow()));
        await Store.SetJobStatusAsync(run.RunId, ["load"], JobStatus.Skipped, taken.LeaseToken);
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, Time.GetUtcNow(), taken.LeaseToken);
        Assert.Equal([JobStatus.Succeeded, JobStatus.Succeeded, JobStatus.Skipped], (await Store.GetJobsAsync(run.RunId)).Select(j => j.Status));
        Assert.Equal(RunStatus.Succeeded, (await Store.GetRunAsync(run.RunId))!.Status);
        // One winner per job: transform's history is host-a's interrupted attempt, then host-b's success.
        Assert.Equal([("ingest", 1, AttemptOutcome.Succeeded, "host-a"), ("transform", 1, AttemptOutcome.Interrupted, "host-a"), ("transform", 2, AttemptOutcome.Succeeded, "host-b")],
            (await Store.GetAttemptsAsync(run.RunId)).Select(a => (a.Job, a.Attempt, a.Outcome, a.Owner)));
    }

    [StoreFact]
    public async Task TheSweepTakesOverOtherOwnersExpiredRunsOldestFirstUpToItsLimit()
    {
        var oldest = await CreateAsync("etl", T0, owner: "host-a");
        await Store.StartAttemptAsync(oldest.RunId, "ingest", 1, T0, oldest.LeaseToken);
        var older = await CreateAsync("report", T0.AddMinutes(1), owner: "host-a", status: RunStatus.Pending);
        var newer = await CreateAsync("etl", T0.AddMinutes(2), owner: "host-a");
        var own = await CreateAsync("etl", T0.AddMinutes(3), owner: "host-b");
        var done = await CreateAsync("etl", T0.AddMinutes(4), owner: "host-a");
        await Store.SetRunStatusAsync(done.RunId, RunStatus.Failed, T0, done.LeaseToken);
        Assert.Single(await Store.EnqueueRunsAsync([Backfill("etl", T0.AddMinutes(5))]));
        Assert.Empty(await Store.ClaimExpiredRunsAsync("host-b", Lease, 10));   // not expired yet
        Time.Advance(Lease);
        var live = await CreateAsync("etl", T0.AddMinutes(6), owner: "host-c");

        var first = await Store.ClaimExpiredRunsAsync("host-b", Lease, 2);
        var second = await Store.ClaimExpiredRunsAsync("host-b", Lease, 2);

        // Never its own runs (it renews those), a live lease, a finished run or a queued one.
        Assert.Equal([(oldest.RunId, "host-a", T0 + Lease), (older.RunId, "host-a", T0 + Lease)],
            first.Select(t => (t.Run.RunId, t.PreviousOwner, t.ExpiredAt!.Value)));
        Assert.Equal([newer.RunId], second.Select(t => t.Run.RunId));
        Assert.All(first.Concat(second), t => Assert.Equal(("host-b", 2L, Time.GetUtcNow() + Lease), (t.Run.LeaseOwner!, t.Run.LeaseToken, t.Run.LeaseExpiresAt!.Value)));
        Assert.Equal(RunStatus.Pending, first[1].Run.Status);
        // As after a restart: the running attempt is interrupted and does not count; its job is pending again.
        var ingest = await Job(oldest, "ingest");
        Assert.Equal((JobStatus.Pending, 0, 1), (ingest.Status, ingest.Attempts, ingest.LastAttempt));
        Assert.Equal(AttemptOutcome.Interrupted, Assert.Single(await Store.GetAttemptsAsync(oldest.RunId)).Outcome);
        Assert.Equal(("host-b", 1L), ((await Store.GetRunAsync(own.RunId))!.LeaseOwner!, (await Store.GetRunAsync(own.RunId))!.LeaseToken));
        Assert.Equal("host-c", (await Store.GetRunAsync(live.RunId))!.LeaseOwner);
        Assert.Empty(await Store.ClaimExpiredRunsAsync("host-b", Lease, 10));
    }

    [StoreFact]
    public async Task HostsSweepingAtOnceTakeDifferentRuns()
    {
        var runs = new List<string>();
        for (var i = 0; i < 12; i++)
            runs.Add((await CreateAsync("etl", T0.AddMinutes(i), owner: "dead-host")).RunId);
        Time.Advance(Lease);

        var swept = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Store.ClaimExpiredRunsAsync($"host-{i}", Lease, 6))));

        var taken = swept.SelectMany(s => s).Select(t => t.Run.RunId).ToList();
        Assert.Equal(runs.Order(StringComparer.Ordinal), taken.Order(StringComparer.Ordinal));   // each run once: no duplicates, none left
        Assert.All(await Store.GetRunsAsync(runs), r => Assert.Equal(2, r.LeaseToken));
    }

    [StoreFact]
    public async Task AGoneHostsRunsAreClaimedWithoutWaitingForTheLeaseAndNoOneElses()
    {
        var gone = await CreateAsync("etl", T0, owner: "box:100");
        var alive = await CreateAsync("etl", T0.AddMinutes(1), owner: "box:200");

        var claimed = await Store.ClaimInterruptedRunsAsync("box:101", Lease, ["box:100"]);

        Assert.Equal([(gone.RunId, "box:101")], claimed.Select(r => (r.RunId, r.LeaseOwner)));
        Assert.Equal("box:200", (await Store.GetRunAsync(alive.RunId))!.LeaseOwner);
    }

    [StoreFact]
    public async Task ActiveRunsAreThoseOfTheWorkflowPendingOrRunningUnderALeaseNotYetExpired()
    {
        var expiring = await CreateAsync("etl", T0);
        Time.Advance(Lease / 2);
        var fresh = await CreateAsync("etl", T0.AddMinutes(1), status: RunStatus.Pending);
        var finished = await CreateAsync("etl", T0.AddMinutes(2));
        await Store.SetRunStatusAsync(finished.RunId, RunStatus.Succeeded, Time.GetUtcNow(), 1);
        await CreateAsync("other", T0.AddMinutes(3));

        Assert.Equal([expiring.RunId, fresh.RunId], (await Store.ListActiveRunsAsync("etl")).Select(r => r.RunId));
        Time.Advance(Lease / 2);
        Assert.Equal([fresh.RunId], (await Store.ListActiveRunsAsync("etl")).Select(r => r.RunId));
    }

    [StoreFact]
    public async Task TheSameOwnerClaimsItsRunsAfterARestartWithoutWaitingForTheLease()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        await ReopenAsync();

        Assert.Empty(await Store.ClaimInterruptedRunsAsync("host-b", Lease));
        var claimed = Assert.Single(await Store.ClaimInterruptedRunsAsync("host-a", Lease));

        Assert.Equal(run.RunId, claimed.RunId);
        Assert.Equal(AttemptOutcome.Interrupted, Assert.Single(await Store.GetAttemptsAsync(run.RunId)).Outcome);
        Assert.Equal(JobStatus.Pending, (await Job(run, "ingest")).Status);
    }

    [StoreFact]
    public async Task ClaimsTakeActiveRunsOldestFirstAndLeaveFinishedOnes()
    {
        var done = await CreateAsync("etl", T0);
        await Store.SetRunStatusAsync(done.RunId, RunStatus.Succeeded, T0, 1);
        var later = await CreateAsync("etl", T0.AddHours(2));
        var queued = await CreateAsync("etl", T0.AddHours(1), status: RunStatus.Pending);
        Time.Advance(Lease);

        var claimed = await Store.ClaimInterruptedRunsAsync("host-b", Lease);

        Assert.Equal([queued.RunId, later.RunId], claimed.Select(r => r.RunId));
        Assert.Equal("host-a", (await Store.GetRunAsync(done.RunId))!.LeaseOwner);
    }

    [StoreFact]
    public async Task RenewedLeasesKeepOtherHostsAway()
    {
        var run = await CreateAsync("etl", T0);
        var other = await CreateAsync("report", T0, owner: "host-b");

        for (var i = 0; i < 3; i++)
        {
            Time.Advance(Lease / 2);
            await Store.RenewLeasesAsync("host-a", Lease);
        }

        Assert.Equal([other.RunId], (await Store.ClaimInterruptedRunsAsync("host-c", Lease)).Select(r => r.RunId));
        Assert.Equal(Time.GetUtcNow() + Lease, (await Store.GetRunAsync(run.RunId))!.LeaseExpiresAt);
        Time.Advance(Lease);
        Assert.Contains(run.RunId, (await Store.ClaimInterruptedRunsAsync("host-c", Lease)).Select(r => r.RunId));
    }

    [StoreFact]
    public async Task ARunIsLeasedToOneOwnerAtATimeUnlessItFinished()
    {
        var run = await CreateAsync("etl", T0);

        // Every lease granted is a new claim with the next token, the holder's own included; a refusal changes nothing.
        Assert.Equal(2, await Store.TryLeaseRunAsync(run.RunId, "host-a", Lease));
        Assert.Null(await Store.TryLeaseRunAsync(run.RunId, "cli", Lease));
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Failed, T0, 2);
        Assert.Equal(3, await Store.TryLeaseRunAsync(run.RunId, "cli", Lease));   // a retry of a finished run
        Assert.Null(await Store.TryLeaseRunAsync("no-such-run", "cli", Lease));

        await Store.SetRunStatusAsync(run.RunId, RunStatus.Running, T0, 3);
        Assert.Null(await Store.TryLeaseRunAsync(run.RunId, "host-a", Lease));
        Time.Advance(Lease);
        Assert.Equal(4, await Store.TryLeaseRunAsync(run.RunId, "host-a", Lease));
        Assert.Equal(4, (await Store.GetRunAsync(run.RunId))!.LeaseToken);
        Assert.Equal("host-a", (await Store.GetRunAsync(run.RunId))!.LeaseOwner);
    }

    [StoreFact]
    public async Task ConcurrentStartsAndFinishesFromManyTasksAreAllRecordedDurably()
    {
        const int Runs = 40;
        string[] jobs = ["a", "b", "c", "d", "e"];
        var runs = new List<RunRecord>();
        for (var i = 0; i < Runs; i++)
            runs.Add(await CreateAsync("etl", T0.AddMinutes(i), jobs));

        await Task.WhenAll(runs.SelectMany(run => jobs.Select(job => Task.Run(async () =>
        {
            await Store.StartAttemptAsync(run.RunId, job, 1, T0, 1);
            await Store.FinishAttemptAsync(Success(run, job, 1, $$"""{"run":"{{run.RunId}}","job":"{{job}}"}""", T0.AddSeconds(1), $"log of {job}"));
        }))));
        await ReopenAsync();

        foreach (var run in runs)
        {
            var read = await Store.GetJobsAsync(run.RunId);
            Assert.All(read, j => Assert.Equal((JobStatus.Succeeded, 1, $$"""{"run":"{{run.RunId}}","job":"{{j.Job}}"}"""), (j.Status, j.Attempts, j.OutputJson)));
            Assert.All(await Store.GetAttemptsAsync(run.RunId), a => Assert.Equal([$"log of {a.Job}"], a.Logs));
        }
    }

    [StoreFact]
    public async Task FailingWritesAmongConcurrentOnesChangeNothingAndSpoilNothing()
    {
        var run = await CreateAsync("etl", T0, ["a", "b", "c", "d"]);

        var writes = new[] { "a", "nope-1", "b", "nope-2", "c", "d" }.Select(job => Task.Run(async () =>
        {
            await Store.StartAttemptAsync(run.RunId, job, 1, T0, 1);
            await Store.FinishAttemptAsync(Success(run, job, 1, $"\"{job}\"", T0));
        })).ToList();
        var failures = 0;
        foreach (var write in writes)
        {
            try
            {
                await write;
            }
            catch (InvalidOperationException)
            {
                failures++;
            }
        }

        Assert.Equal(2, failures);
        Assert.Equal(["\"a\"", "\"b\"", "\"c\"", "\"d\""], (await Store.GetJobsAsync(run.RunId)).Select(j => j.OutputJson));
        Assert.Equal(4, (await Store.GetAttemptsAsync(run.RunId)).Count);
    }

    [StoreFact]
    public async Task AWriteCancelledBeforeItRanIsNotMade()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AdvanceWatermarkAsync("etl", T0, new CancellationToken(canceled: true)));

        Assert.Null(await Store.GetWatermarkAsync("etl"));
    }

    [StoreFact]
    public async Task EverythingWrittenIsThereAfterReopening()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);
        await Store.FinishAttemptAsync(Failure(run, "ingest", 1, "flaky", T0.AddSeconds(1), JobStatus.Pending, "try 1"));
        await Store.StartAttemptAsync(run.RunId, "ingest", 2, T0.AddSeconds(3), 1);
        await Store.FinishAttemptAsync(Success(run, "ingest", 2, """{"ok":true}""", T0.AddSeconds(4), "try 2"));
        await Store.SetJobStatusAsync(run.RunId, ["load"], JobStatus.Skipped, 1);
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Failed, T0.AddSeconds(5), 1);
        await Store.AdvanceWatermarkAsync("etl", T0);
        var before = (await Store.GetRunAsync(run.RunId), await Store.ListRunsAsync(null, 10), await Store.GetJobsAsync(run.RunId), await Store.GetAttemptsAsync(run.RunId));

        await ReopenAsync();

        var after = (await Store.GetRunAsync(run.RunId), await Store.ListRunsAsync(null, 10), await Store.GetJobsAsync(run.RunId), await Store.GetAttemptsAsync(run.RunId));
        Assert.Equal(before.Item1, after.Item1);
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(before.Item3, after.Item3);
        Assert.Equal(before.Item4.Select(a => a with { Logs = [] }), after.Item4.Select(a => a with { Logs = [] }));
        Assert.Equal(before.Item4.Select(a => string.Join("|", a.Logs)), after.Item4.Select(a => string.Join("|", a.Logs)));
        Assert.Equal(T0, await Store.GetWatermarkAsync("etl"));
    }

    private static NewRun Backfill(string workflow, DateTimeOffset scheduledAt, params string[] jobs) =>
        new(NewRun(workflow, scheduledAt, RunStatus.Pending, trigger: RunTrigger.Backfill), jobs.Length == 0 ? ["ingest", "load"] : jobs);

    [StoreFact]
    public async Task QueuedRunsAreCreatedOnceWithTheirJobsPendingAndNoOwnerAndLeaveTheWatermarkAlone()
    {
        var existing = await CreateAsync("etl", T0.AddDays(1));

        var created = await Store.EnqueueRunsAsync([Backfill("etl", T0), Backfill("etl", T0.AddDays(1)), Backfill("etl", T0.AddDays(2))]);

        Assert.Equal([RunRecord.ScheduledRunId("etl", T0), RunRecord.ScheduledRunId("etl", T0.AddDays(2))], created);
        var queued = (await Store.GetRunAsync(created[0]))!;
        Assert.True(queued.IsQueued);
        Assert.Equal((RunStatus.Pending, RunTrigger.Backfill, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null),
            (queued.Status, queued.Trigger, queued.LeaseOwner, queued.LeaseExpiresAt, queued.StartedAt));
        Assert.Equal([("ingest", JobStatus.Pending), ("load", JobStatus.Pending)], (await Store.GetJobsAsync(created[0])).Select(j => (j.Job, j.Status)));
        Assert.Equal(RunTrigger.Schedule, (await Store.GetRunAsync(existing.RunId))!.Trigger);
        Assert.Equal(T0.AddDays(1), await Store.GetWatermarkAsync("etl"));
        Assert.Empty(await Store.EnqueueRunsAsync([Backfill("etl", T0), Backfill("etl", T0.AddDays(2))]));
    }

    [StoreFact]
    public async Task AQueuedRunMustBePendingAndNotStarted()
    {
        var running = new NewRun(NewRun("etl", T0), ["a"]);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.EnqueueRunsAsync([running]));
        Assert.Null(await Store.GetRunAsync(running.Run.RunId));
    }

    [StoreFact]
    public async Task QueuedRunsListOldestFirstByWorkflowAndCountTowardNoConcurrencyUntilTaken()
    {
        await Store.EnqueueRunsAsync([Backfill("etl", T0.AddDays(2)), Backfill("etl", T0), Backfill("report", T0.AddDays(1)), Backfill("etl", T0.AddDays(1))]);

        Assert.Equal(["etl", "etl", "report", "etl"], (await Store.ListQueuedRunsAsync(null, 10)).Select(r => r.Workflow));
        var etl = await Store.ListQueuedRunsAsync("etl", 2);
        Assert.Equal([T0, T0.AddDays(1)], etl.Select(r => r.ScheduledAt));
        Assert.Empty(await Store.ListActiveRunsAsync("etl"));

        Assert.Equal(0, etl[0].LeaseToken);   // never leased
        Assert.Equal(1, await Store.TryLeaseRunAsync(etl[0].RunId, "host-a", Lease));
        Assert.Null(await Store.TryLeaseRunAsync(etl[0].RunId, "host-b", Lease));

        Assert.Equal([etl[0].RunId], (await Store.ListActiveRunsAsync("etl")).Select(r => r.RunId));
        Assert.Equal([T0.AddDays(1), T0.AddDays(2)], (await Store.ListQueuedRunsAsync("etl", 10)).Select(r => r.ScheduledAt));
    }

    [StoreFact]
    public async Task ConcurrentTakersOfOneQueuedRunLeaseItOnce()
    {
        var id = Assert.Single(await Store.EnqueueRunsAsync([Backfill("etl", T0)]));

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.TryLeaseRunAsync(id, $"host-{i}", Lease))));

        Assert.Equal([1L], taken.OfType<long>());
    }

    [StoreFact]
    public async Task TakingAQueuedRunLeasesItAndMarksItRunningOnceAndNeverTakesARunThatIsNotQueued()
    {
        var id = Assert.Single(await Store.EnqueueRunsAsync([Backfill("etl", T0)]));
        var scheduled = await CreateAsync("etl", T0.AddDays(1));
        var at = T0.AddSeconds(3);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.TryTakeQueuedRunAsync(id, $"host-{i}", Lease, at))));

        Assert.Equal([1L], taken.OfType<long>());
        var run = (await Store.GetRunAsync(id))!;
        Assert.Equal(1, run.LeaseToken);
        Assert.Equal((RunStatus.Running, (DateTimeOffset?)at, false), (run.Status, run.StartedAt, run.IsQueued));
        Assert.Equal(Time.GetUtcNow() + Lease, run.LeaseExpiresAt);
        Assert.Equal([id], (await Store.ListActiveRunsAsync("etl")).Where(r => r.RunId == id).Select(r => r.RunId));
        Assert.Empty(await Store.ListQueuedRunsAsync("etl", 10));
        // Finished, or a fire's run: not queued, so not taken, and left as it was.
        await Store.SetRunStatusAsync(id, RunStatus.Succeeded, at.AddSeconds(1), 1);
        Assert.Null(await Store.TryTakeQueuedRunAsync(id, "host-x", Lease, at.AddSeconds(2)));
        Assert.Null(await Store.TryTakeQueuedRunAsync(scheduled.RunId, "host-x", Lease, at.AddSeconds(2)));
        Assert.Null(await Store.TryTakeQueuedRunAsync("etl@nowhere", "host-x", Lease, at));
        Assert.Equal(RunStatus.Succeeded, (await Store.GetRunAsync(id))!.Status);
        Assert.Equal("host-a", (await Store.GetRunAsync(scheduled.RunId))!.LeaseOwner);
    }

    [StoreFact]
    public async Task ManyRunsAreReadInOneCallSkippingUnknownIds()
    {
        var ids = await Store.EnqueueRunsAsync([Backfill("etl", T0), Backfill("etl", T0.AddDays(1)), Backfill("etl", T0.AddDays(2))]);

        var runs = await Store.GetRunsAsync([ids[2], "etl@nowhere", ids[0]]);

        Assert.Equal([ids[0], ids[2]], runs.Select(r => r.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(await Store.GetRunAsync(ids[0]), runs.Single(r => r.RunId == ids[0]));
        Assert.Empty(await Store.GetRunsAsync([]));
    }

    [StoreFact]
    public async Task ClaimingInterruptedRunsLeavesQueuedRunsForTheQueue()
    {
        await Store.EnqueueRunsAsync([Backfill("etl", T0)]);
        Time.Advance(Lease * 2);

        Assert.Empty(await Store.ClaimInterruptedRunsAsync("host-a", Lease, ["host-gone"]));
        Assert.Single(await Store.ListQueuedRunsAsync("etl", 10));
    }

    [StoreFact]
    public async Task ACancelRequestIsRecordedOnceOnAnActiveRunAndListedToItsOwner()
    {
        var run = await CreateAsync("etl", T0);
        var other = await CreateAsync("report", T0, owner: "host-b");

        var requested = await Store.RequestCancelAsync(run.RunId, T0.AddSeconds(5));
        var again = await Store.RequestCancelAsync(run.RunId, T0.AddSeconds(9));

        Assert.Equal(T0.AddSeconds(5), requested!.CancelRequestedAt);
        Assert.Equal(T0.AddSeconds(5), again!.CancelRequestedAt);
        Assert.Equal(RunStatus.Running, again.Status);
        Assert.Equal([run.RunId], (await Store.ListCancelRequestsAsync("host-a")).Select(r => r.RunId));
        Assert.Empty(await Store.ListCancelRequestsAsync("host-b"));
        Assert.Null((await Store.GetRunAsync(other.RunId))!.CancelRequestedAt);

        await Store.SetRunStatusAsync(run.RunId, RunStatus.Cancelled, T0.AddSeconds(6), 1);
        Assert.Empty(await Store.ListCancelRequestsAsync("host-a"));
        var ended = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal((RunStatus.Cancelled, (DateTimeOffset?)T0.AddSeconds(6), true), (ended.Status, ended.FinishedAt, ended.IsFinished));
    }

    [StoreFact]
    public async Task ACancelledRunRetriedRunsWithoutItsOldCancelRequest()
    {
        var run = await CreateAsync("etl", T0);
        await Store.RequestCancelAsync(run.RunId, T0.AddSeconds(1));
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Running, T0.AddSeconds(2), 1);
        Assert.NotNull((await Store.GetRunAsync(run.RunId))!.CancelRequestedAt);   // still running: the request stands
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Cancelled, T0.AddSeconds(3), 1);

        await Store.SetRunStatusAsync(run.RunId, RunStatus.Running, T0.AddMinutes(1), 1);

        var retried = (await Store.GetRunAsync(run.RunId))!;
        Assert.Equal((RunStatus.Running, (DateTimeOffset?)null, (DateTimeOffset?)null), (retried.Status, retried.CancelRequestedAt, retried.FinishedAt));
        Assert.Empty(await Store.ListCancelRequestsAsync("host-a"));
    }

    [StoreFact]
    public async Task ACancelRequestLeavesAFinishedRunUnchangedAndAnUnknownOneIsNull()
    {
        var run = await CreateAsync("etl", T0);
        await Store.SetRunStatusAsync(run.RunId, RunStatus.Succeeded, T0.AddSeconds(1), 1);

        var answer = await Store.RequestCancelAsync(run.RunId, T0.AddSeconds(2));

        Assert.Equal((RunStatus.Succeeded, (DateTimeOffset?)null), (answer!.Status, answer.CancelRequestedAt));
        Assert.Null(await Store.RequestCancelAsync("etl@nope", T0));
    }

    [StoreFact]
    public async Task ACancelRequestOutlivesARestartAndAClaimOfTheRun()
    {
        var run = await CreateAsync("etl", T0);
        await Store.RequestCancelAsync(run.RunId, T0.AddSeconds(1));
        await ReopenAsync();
        Time.Advance(Lease);

        var claimed = Assert.Single(await Store.ClaimInterruptedRunsAsync("host-b", Lease));

        Assert.Equal(T0.AddSeconds(1), claimed.CancelRequestedAt);
        Assert.Equal([run.RunId], (await Store.ListCancelRequestsAsync("host-b")).Select(r => r.RunId));
    }

    [StoreFact]
    public async Task AnAttemptCancelledWithItsRunEndsTheJobCancelledAndItUsesUpNoMoreThanItsAttempt()
    {
        var run = await CreateAsync("etl", T0);
        await Store.StartAttemptAsync(run.RunId, "ingest", 1, T0, 1);

        await Store.FinishAttemptAsync(new AttemptFinish(run.RunId, "ingest", 1, AttemptOutcome.Cancelled, T0.AddSeconds(3), null, "cancelled", ["tick"], JobStatus.Cancelled, 1));
        await Store.SetJobStatusAsync(run.RunId, ["transform", "load"], JobStatus.Skipped, 1);

        var attempt = Assert.Single(await Store.GetAttemptsAsync(run.RunId));
        Assert.Equal((AttemptOutcome.Cancelled, (DateTimeOffset?)T0.AddSeconds(3)), (attempt.Outcome, attempt.FinishedAt));
        Assert.Equal(["tick"], attempt.Logs);
        var job = await Job(run, "ingest");
        Assert.Equal((JobStatus.Cancelled, 1, (DateTimeOffset?)T0.AddSeconds(3)), (job.Status, job.Attempts, job.FinishedAt));
        Assert.Equal(JobStatus.Skipped, (await Job(run, "load")).Status);
    }

    [StoreFact]
    public async Task APauseIsSetOnceClearedOnceAndOutlivesARestart()
    {
        Assert.True(await Store.SetPausedAsync("etl", true, T0));
        Assert.False(await Store.SetPausedAsync("etl", true, T0.AddMinutes(1)));
        Assert.True(await Store.SetPausedAsync("report", true, T0.AddMinutes(2)));
        await ReopenAsync();

        Assert.Equal([("etl", T0), ("report", T0.AddMinutes(2))], (await Store.ListPausedAsync()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.True(await Store.SetPausedAsync("etl", false, T0.AddMinutes(3)));
        Assert.False(await Store.SetPausedAsync("etl", false, T0.AddMinutes(4)));
        Assert.Equal(["report"], (await Store.ListPausedAsync()).Keys);
        Assert.Null(await Store.GetWatermarkAsync("etl"));
    }

    /// <summary>Everything the store holds about a run, in a form that compares by value.</summary>
    private async Task<string> SnapshotAsync(string runId) =>
        System.Text.Json.JsonSerializer.Serialize(new { Run = await Store.GetRunAsync(runId), Jobs = await Store.GetJobsAsync(runId), Attempts = await Store.GetAttemptsAsync(runId) });

    private async Task<JobRecord> Job(RunRecord run, string job) => (await Store.GetJobsAsync(run.RunId)).Single(j => j.Job == job);
}
