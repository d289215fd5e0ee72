using Symbol.Orchestrator.Hosting;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// The once-a-second digest of run changes (<see cref="ChangesDigest"/>) that list pages read instead of every run event:
/// each changed run once, in its latest state; a cap with a count of what it left out; and no listening while nobody uses it.
/// </summary>
public sealed class ChangesDigestTests
{
    private static RunEvent Run(string id, string status) =>
        new(id, "w", status, "schedule", T0, T0, status == "running" ? null : T0.AddSeconds(1));

    [Fact]
    public void ADigestNamesEachChangedRunOnceInItsLatestStateOldestFirst()
    {
        var digest = ChangesDigest.Digest([Run("w@1", "running"), Run("w@2", "running"), Run("w@1", "succeeded"), Run("w@3", "running")], dropped: 0);

        Assert.Equal(["w@2 running", "w@1 succeeded", "w@3 running"], digest.Runs.Select(r => $"{r.RunId} {r.Status}"));
        Assert.Equal(0, digest.Omitted);
    }

    [Fact]
    public void ADigestKeepsTheNewestRunsUpToItsCapAndCountsTheRestAndWhatWasDropped()
    {
        var changed = Enumerable.Range(1, ChangesDigest.MaxRuns + 30).Select(k => Run($"w@{k}", "running")).ToList();

        var digest = ChangesDigest.Digest(changed, dropped: 7);

        Assert.Equal(ChangesDigest.MaxRuns, digest.Runs.Count);
        Assert.Equal("w@31", digest.Runs[0].RunId);
        Assert.Equal($"w@{ChangesDigest.MaxRuns + 30}", digest.Runs[^1].RunId);
        Assert.Equal(30 + 7, digest.Omitted);
    }

    [Fact]
    public async Task WhileUsedTheDigestGathersRunEventsIntoOneChangesEventAndStopsListeningWhenTheLastUserGoes()
    {
        var hub = new HostEvents();
        using var reader = hub.Subscribe(wanted: e => e is ChangesEvent);
        var use = hub.Changes.Use();

        hub.Raise(Run("w@1", "running"));
        hub.Raise(Run("w@2", "running"));
        hub.Raise(Run("w@1", "failed"));
        using var bound = new CancellationTokenSource(Wait.Bound);
        var changes = (ChangesEvent)await reader.Reader.ReadAsync(bound.Token);

        Assert.Equal("changes", changes.Kind);
        Assert.Equal(["w@2 running", "w@1 failed"], changes.Runs.Select(r => $"{r.RunId} {r.Status}"));
        use.Dispose();
        reader.Dispose();
        // The digest's own subscription went with its last user: a host nobody watches builds no events.
        Assert.False(hub.IsListened);
    }

    [Fact]
    public async Task TwoUsersShareOneDigestAndItGoesOnWhileOneRemains()
    {
        var hub = new HostEvents();
        using var reader = hub.Subscribe(wanted: e => e is ChangesEvent);
        var first = hub.Changes.Use();
        var second = hub.Changes.Use();
        first.Dispose();
        first.Dispose(); // a second dispose of the same user changes nothing

        hub.Raise(Run("w@1", "succeeded"));
        using var bound = new CancellationTokenSource(Wait.Bound);
        var changes = (ChangesEvent)await reader.Reader.ReadAsync(bound.Token);

        Assert.Equal(["w@1"], changes.Runs.Select(r => r.RunId));
        second.Dispose();
        reader.Dispose();
        Assert.False(hub.IsListened);
    }
}
