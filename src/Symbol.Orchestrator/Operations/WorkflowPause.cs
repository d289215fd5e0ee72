using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Operations;

/// <summary>
/// Pausing and unpausing a workflow in the store, as <c>pause</c>/<c>unpause</c> and the API do it: the flag is by name, so a
/// workflow the store knows may be paused while its file is gone or broken. A host reads the flag within a second.
/// </summary>
public static class WorkflowPause
{
    // The runs whose workflows a did-you-mean looks at: the recent ones are the ones a user has seen.
    private const int RecentRuns = 200;

    /// <summary>
    /// Sets or clears the flag. Unpausing moves the watermark to now: a running host moved it past each paused fire, but without
    /// one nothing did, and the next start would catch the paused time up. A workflow the store has never seen keeps no
    /// watermark, so that it starts from now.
    /// </summary>
    public static async Task<PauseOutcome> SetAsync(IStateStore store, string workflow, bool pause, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var changed = await store.SetPausedAsync(workflow, pause, now, ct).ConfigureAwait(false);
        if (!pause && changed && await store.GetWatermarkAsync(workflow, ct).ConfigureAwait(false) is not null)
            await store.AdvanceWatermarkAsync(workflow, now, ct).ConfigureAwait(false);
        DateTimeOffset? since = pause && (await store.ListPausedAsync(ct).ConfigureAwait(false)).TryGetValue(workflow, out var at) ? at : null;
        return new PauseOutcome(workflow, pause, since, changed);
    }

    /// <summary>Whether the store knows <paramref name="workflow"/>: it has a watermark, a pause flag or a run.</summary>
    public static async Task<bool> KnownAsync(IStateStore store, string workflow, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetWatermarkAsync(workflow, ct).ConfigureAwait(false) is not null
               || (await store.ListPausedAsync(ct).ConfigureAwait(false)).ContainsKey(workflow)
               || (await store.ListRunsAsync(workflow, 1, ct).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>What the store knows by name, for a did-you-mean: paused workflows and those of recent runs.</summary>
    public static async Task<IReadOnlyList<string>> StoreNamesAsync(IStateStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.ListPausedAsync(ct).ConfigureAwait(false)).Keys
            .Concat((await store.ListRunsAsync(null, RecentRuns, ct).ConfigureAwait(false)).Select(r => r.Workflow)).Distinct().ToList();
    }
}

/// <summary>A workflow's pause flag as <see cref="WorkflowPause.SetAsync"/> left it.</summary>
/// <param name="Since">When it was paused (the first pause, if it already was); null when it is not paused.</param>
/// <param name="Changed">False when the workflow already was where it was asked to be.</param>
public sealed record PauseOutcome(string Workflow, bool Paused, DateTimeOffset? Since, bool Changed);
