using System.Globalization;
using Symbol.Orchestrator.Execution;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Planning;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Operations;

/// <summary>
/// A backfill, as <c>backfill</c> and the API queue it: a run for each fire instant of the workflow's schedules in [from, to]
/// that has none, with the scheduled run id (so the schedule never fires it again, and a second backfill adds nothing), queued
/// oldest first in one write, trigger <c>backfill</c>. A host takes queued runs within the workflow's <c>concurrency</c>.
/// </summary>
public static class Backfill
{
    /// <summary>
    /// The fire instants of <paramref name="workflow"/> in [<paramref name="from"/>, <paramref name="to"/>], oldest first. Refused
    /// (<see cref="OperationException"/>) for a range that runs backwards or into the future (a bad field: <paramref name="fromName"/>
    /// or <paramref name="toName"/>, as the caller's user calls them), a workflow with no schedule, or too many instants.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Instants(WorkflowDefinition workflow, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        string fromName, string toName)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (to < from)
            throw OperationException.BadRequest(Field(toName), $"{toName} {Iso.Format(to)} is before {fromName} {Iso.Format(from)}: the range runs from {fromName} to {toName}");
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (to > now)
            throw OperationException.BadRequest(Field(toName),
                $"{toName} {Iso.Format(to)} is in the future (now is {Iso.Format(now.ToOffset(to.Offset))}): backfill fills the past; the schedule runs the rest");
        if (workflow.Schedule is null)
            throw OperationException.Conflict(
                $"workflow '{workflow.Name}' has no schedule: it runs only when triggered (orchestrator trigger), so it has no fire instants to backfill");
        var plan = BackfillPlanner.Plan(workflow.Schedule, from, to);
        if (plan.Over is { } over)
            throw new OperationException(OperationFailure.BadRequest,
                $"{fromName} {Iso.Format(from)} {toName} {Iso.Format(to)} holds about {over.ToString("N0", CultureInfo.InvariantCulture)} fire instants of "
                + $"'{workflow.Name}', more than the {BackfillPlanner.MaxInstants.ToString("N0", CultureInfo.InvariantCulture)} one backfill takes: split the range");
        return plan.Instants;
    }

    /// <summary>Each instant with its scheduled run id and the run the store has for it; every instant is new without a store (a dry run writes nothing).</summary>
    public static async Task<List<BackfillFire>> FindAsync(IStateStore? store, string workflow, IReadOnlyList<DateTimeOffset> instants, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instants);
        var ids = instants.Select(at => RunRecord.ScheduledRunId(workflow, at)).ToArray();
        var had = store is null ? [] : (await store.GetRunsAsync(ids, ct).ConfigureAwait(false)).ToDictionary(r => r.RunId, StringComparer.Ordinal);
        return instants.Select((at, i) => new BackfillFire(at, ids[i], had.GetValueOrDefault(ids[i]))).ToList();
    }

    /// <summary>
    /// Queues a run for each instant of <paramref name="found"/> that has none, in one write, and returns those created and the runs
    /// left to run, oldest first: the new ones and those an earlier backfill left queued. An instant whose run someone else created
    /// meanwhile is updated in <paramref name="found"/> with that run.
    /// </summary>
    /// <param name="paramsOverrideJson">A JSON object laid over the workflow's <c>params</c> for every run.</param>
    public static async Task<BackfillQueued> QueueAsync(IStateStore store, WorkflowDefinition workflow, List<BackfillFire> found, string? paramsOverrideJson,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(found);
        var parameters = RunParams.Merge(workflow.ParamsJson, paramsOverrideJson);
        var definition = RunDefinition.Capture(workflow);
        // Jobs, then handlers: a queued run records both, as any run does.
        var jobs = workflow.RunRecordNames.ToArray();
        var fresh = found.Where(i => i.Existing is null)
            .Select(i => new NewRun(new RunRecord(i.RunId, workflow.Name, RunStatus.Pending, RunTrigger.Backfill, i.At, null, null, workflow.Position.Path,
                definition, parameters), jobs))
            .ToList();
        var created = fresh.Count == 0 ? [] : (await store.EnqueueRunsAsync(fresh, ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var freshById = fresh.ToDictionary(n => n.Run.RunId, n => n.Run, StringComparer.Ordinal);
        var toRun = new List<RunRecord>();
        for (var i = 0; i < found.Count; i++)
        {
            var instant = found[i];
            // Created by someone else between the read and the write (another backfill): theirs, as it is now.
            if (instant.Existing is null && !created.Contains(instant.RunId))
                found[i] = instant = instant with { Existing = await store.GetRunAsync(instant.RunId, ct).ConfigureAwait(false) };
            if (instant.Existing is null)
                toRun.Add(freshById[instant.RunId]);
            // Left queued by an earlier backfill of the range (stopped with Ctrl+C, or --no-wait with no host): this one takes it.
            else if (instant.Existing.IsQueued)
                toRun.Add(instant.Existing);
        }
        return new BackfillQueued(created, toRun);
    }

    /// <summary>What an instant shows in a backfill's report: <c>new</c> for a dry run's, <c>queued</c>, or its run's status.</summary>
    public static string Status(RunRecord? run) => run is null ? "new" : run.IsQueued ? "queued" : EnumText.Name(run.Status);

    // "--to" and "\"to\"" name the field "to".
    private static string Field(string name) => name.Trim('-', '"');
}

/// <summary>One fire instant of a backfill's range, its scheduled run id, and the run the store had for it before this backfill.</summary>
public sealed record BackfillFire(DateTimeOffset At, string RunId, RunRecord? Existing);

/// <summary>What <see cref="Backfill.QueueAsync"/> did: the run ids it created, and the runs left to run (new, or left queued before), oldest first.</summary>
public sealed record BackfillQueued(IReadOnlySet<string> Created, IReadOnlyList<RunRecord> ToRun);
