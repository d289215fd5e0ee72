using System.Text.Json;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.State;
using static Symbol.Orchestrator.Tests.Hosting.HostHarness;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// The host's event hub (<see cref="HostEvents"/>), as the API's event stream reads it: every fire, run, job and reload
/// event once, with its fields; and a reader that falls behind loses its oldest events, never the host's time.
/// </summary>
public sealed class HostEventsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Flow(string name = "tick", string settings = "", string jobs = "job a { run ``` return 1; ``` }") => $$"""
        workflow {{name}} {
            schedule cron "* * * * *"
            {{settings}}
            {{jobs}}
        }
        """;

    /// <summary>Reads what the subscription holds now, without waiting.</summary>
    private static List<HostEvent> Drain(HostEventSubscription subscription)
    {
        var seen = new List<HostEvent>();
        while (subscription.Reader.TryRead(out var e))
            seen.Add(e);
        return seen;
    }

    /// <summary>Reads events until one matches <paramref name="last"/>; returns all read.</summary>
    private static async Task<List<HostEvent>> ReadUntilAsync(HostEventSubscription subscription, Func<HostEvent, bool> last)
    {
        var seen = new List<HostEvent>();
        using var bound = new CancellationTokenSource(Wait.Bound);
        await foreach (var e in subscription.Reader.ReadAllAsync(bound.Token))
        {
            seen.Add(e);
            if (last(e))
                break;
        }
        return seen;
    }

    [Fact]
    public void WithNobodySubscribedTheHubIsNotListenedTo()
    {
        var hub = new HostEvents();
        Assert.False(hub.IsListened);
        using (hub.Subscribe())
            Assert.True(hub.IsListened);
        Assert.False(hub.IsListened);
    }

    [Fact]
    public void AReaderThatFallsBehindLosesItsOldestEventsAndCountsThem()
    {
        var hub = new HostEvents();
        using var slow = hub.Subscribe(capacity: 2);
        using var other = hub.Subscribe(capacity: 10);

        for (var k = 1; k <= 5; k++)
            hub.Fire("w", T0.AddMinutes(k), RunTrigger.Schedule, FireOutcome.Started, $"w@{k}");

        Assert.Equal(3, slow.Dropped);
        Assert.Equal(["w@4", "w@5"], Drain(slow).Cast<FireEvent>().Select(e => e.RunId));
        // Each reader has a queue of its own: the slow one's drops cost the other nothing.
        Assert.Equal(0, other.Dropped);
        Assert.Equal(5, Drain(other).Count);
    }

    [Fact]
    public void AnEventIsItsDataAsJsonAndItsKindIsNotPartOfIt()
    {
        HostEvent e = new FireEvent("tick", At("10:01:00"), "schedule", FireOutcome.Started, "tick@2026-11-28T10:01:00Z");

        Assert.Equal("fire", e.Kind);
        Assert.Equal("""{"workflow":"tick","scheduledAt":"2026-11-28T10:01:00+00:00","trigger":"schedule","outcome":"started","runId":"tick@2026-11-28T10:01:00Z"}""",
            JsonSerializer.Serialize(e, e.GetType(), Web));
    }

    [Fact]
    public async Task StoppingTheHubEndsEveryStreamAndALaterSubscriberEndsAtOnce()
    {
        var hub = new HostEvents();
        using var reader = hub.Subscribe();
        var reading = reader.Reader.ReadAllAsync().ToListAsync();

        hub.Complete();

        Assert.Empty(await reading.AsTask().WaitAsync(Wait.Bound));
        using var late = hub.Subscribe();
        Assert.True(late.Reader.Completion.IsCompleted);
        Assert.False(hub.IsListened);
    }

    [Fact]
    public async Task AScheduledRunRaisesItsFireRunAndJobEventsOnceEachInOrder()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow(jobs: "job a { retries 1 run ``` return 1; ``` }\n job b { run ``` return 2; ``` }\n a -> b"));
        host.Runner.FailFirst("a", 1);
        await host.StartAsync();
        using var events = host.Events.Subscribe();

        host.Clock.SetUtcNow(At("10:01:00"));
        var seen = await ReadUntilAsync(events, e => e is RunEvent { Status: not "running" });

        var runId = "tick@2026-11-28T10:01:00Z";
        Assert.Equal<HostEvent>(
        [
            new FireEvent("tick", At("10:01:00"), "schedule", FireOutcome.Started, runId),
            new RunEvent(runId, "tick", "running", "schedule", At("10:01:00"), At("10:01:00"), null),
            new JobEvent(runId, "tick", "a", "running", 1),
            new JobEvent(runId, "tick", "a", "retrying", 1),
            new JobEvent(runId, "tick", "a", "running", 2),
            new JobEvent(runId, "tick", "a", "succeeded", 2),
            new JobEvent(runId, "tick", "b", "running", 1),
            new JobEvent(runId, "tick", "b", "succeeded", 1),
            new RunEvent(runId, "tick", "succeeded", "schedule", At("10:01:00"), At("10:01:00"), At("10:01:00")),
        ], seen);
        Assert.Empty(Drain(events));
    }

    [Fact]
    public async Task AFireAtTheLimitIsSkippedAndOneOfAPausedWorkflowIsPaused()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        host.Write("held.flow", Flow("held"));
        var gate = host.Runner.Gate("a");
        await host.StartAsync();
        using var events = host.Events.Subscribe();
        await host.Store.SetPausedAsync("held", true, host.Clock.GetUtcNow());
        await host.PollStoreAsync();

        host.Clock.SetUtcNow(At("10:01:00"));
        await Wait.UntilAsync(() => host.Runner.Running == 1, "tick's first run to hold its job");
        host.Clock.SetUtcNow(At("10:02:00"));
        await host.WaitForLogAsync("Skipped tick at 2026-11-28T10:02:00");
        await host.WaitForLogAsync("Skipped held at 2026-11-28T10:02:00");
        gate.SetResult();
        await host.FinishedRunsAsync("tick", 1);

        var fires = Drain(events).OfType<FireEvent>().ToList();
        Assert.Equal(1, fires.Count(f => f == new FireEvent("tick", At("10:01:00"), "schedule", FireOutcome.Started, "tick@2026-11-28T10:01:00Z")));
        Assert.Equal(1, fires.Count(f => f == new FireEvent("tick", At("10:02:00"), "schedule", FireOutcome.Skipped, null)));
        Assert.Equal(1, fires.Count(f => f == new FireEvent("held", At("10:01:00"), "schedule", FireOutcome.Paused, null)));
        Assert.Equal(1, fires.Count(f => f == new FireEvent("held", At("10:02:00"), "schedule", FireOutcome.Paused, null)));
        Assert.Equal(4, fires.Count);
    }

    [Fact]
    public async Task AFireWhoseRunTheStoreAlreadyHasIsADuplicate()
    {
        await using var host = new HostHarness();
        host.Write("tick.flow", Flow());
        await host.StartAsync();
        using var events = host.Events.Subscribe();
        // Another host created the 10:01 run first, and holds it.
        var runId = RunRecord.ScheduledRunId("tick", At("10:01:00"));
        await host.Store.TryCreateRunAsync(new RunRecord(runId, "tick", RunStatus.Running, RunTrigger.Schedule, At("10:01:00"), At("10:01:00"), null,
            "tick.flow", "{}", "{}"), ["a"], "other-host", TimeSpan.FromMinutes(5), null);

        host.Clock.SetUtcNow(At("10:01:00"));

        var fire = Assert.IsType<FireEvent>(Assert.Single(await ReadUntilAsync(events, _ => true)));
        Assert.Equal(new FireEvent("tick", At("10:01:00"), "schedule", FireOutcome.Duplicate, runId), fire);
    }

    [Fact]
    public async Task AReloadSaysWhichFileChangedWithItsWorkflowsOrItsErrors()
    {
        await using var host = new HostHarness();
        var path = host.Write("tick.flow", Flow());
        await host.StartAsync();
        using var events = host.Events.Subscribe();

        var added = host.Write("more.flow", Flow("more") + "\n" + Flow("other"));
        await host.ReloadAsync();
        File.WriteAllText(path, "workflow tick {\n    shedule cron \"* * * * *\"\n    job a { run ``` return 1; ``` }\n}\n");
        await host.ReloadAsync();
        File.Delete(added);
        await host.ReloadAsync();

        var reloads = Drain(events).Cast<ReloadEvent>().ToList();
        // The last reload names the file deleted, and again the file whose errors still keep its previous version.
        Assert.Equal([added, path, added, path], reloads.Select(r => r.Path));
        Assert.Equal((true, 0), (reloads[0].Ok, reloads[0].Errors.Count));
        Assert.Equal(["more", "other"], reloads[0].Workflows);
        Assert.False(reloads[1].Ok);
        Assert.StartsWith($"{path}:2:5: unknown setting 'shedule'", Assert.Single(reloads[1].Errors));
        Assert.Equal((true, 0), (reloads[2].Ok, reloads[2].Workflows.Count));
        Assert.False(reloads[3].Ok);
    }
}
