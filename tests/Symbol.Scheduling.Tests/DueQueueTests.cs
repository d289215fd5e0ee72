namespace Symbol.Scheduling.Tests;

public class DueQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static ScheduledJob Job(string name) => new(name, () => { }, Schedule.At(T0));

    private static List<string> TakeAll(DueQueue queue, long now)
    {
        var names = new List<string>();
        while (queue.TryTakeDue(now, out var job, out _))
            names.Add(job.Name);
        return names;
    }

    [Fact]
    public void FiresComeOutEarliestFirstAndInTheOrderQueuedAtOneInstant()
    {
        var queue = new DueQueue();
        queue.Add(Job("b1"), 20);
        queue.Add(Job("a1"), 10);
        queue.Add(Job("b2"), 20);
        queue.Add(Job("a2"), 10);

        Assert.Equal(["a1", "a2"], TakeAll(queue, 15));
        Assert.Equal(["b1", "b2"], TakeAll(queue, 20));
        Assert.Null(queue.EarliestDue);
    }

    [Fact]
    public void AJobRequeuedAtTheSameInstantComesOutOnceInItsNewPlace()
    {
        var queue = new DueQueue();
        var requeued = Job("requeued");
        queue.Add(requeued, 10);
        queue.Add(Job("other"), 10);
        requeued.HeapSequence = -1; // removed, as Scheduler.RemoveJob leaves it
        queue.Add(requeued, 10);

        Assert.Equal(["other", "requeued"], TakeAll(queue, 10));
    }

    [Fact]
    public void OnlyANewEarliestInstantSaysSo()
    {
        var queue = new DueQueue();
        Assert.True(queue.Add(Job("a"), 20));
        Assert.False(queue.Add(Job("b"), 20));
        Assert.False(queue.Add(Job("c"), 30));
        Assert.True(queue.Add(Job("d"), 10));
        Assert.Equal(10, queue.EarliestDue);
    }

    [Fact]
    public void PendingListsLiveFiresOnlyInFiringOrder()
    {
        var queue = new DueQueue();
        var removed = Job("removed");
        queue.Add(Job("late"), 30);
        queue.Add(removed, 10);
        queue.Add(Job("early"), 10);
        removed.HeapSequence = -1;

        Assert.Equal(["early", "late"], queue.Pending().Select(p => p.Job.Name));
    }
}
