namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>Symbol.Scheduling's <see cref="Scheduler"/> on the system clock, default options.</summary>
internal sealed class OursContender : IContender
{
    // Shared by every one-shot job so that the harness allocates nothing per job but the job itself
    // (and the one-off schedule it is given, as any caller would).
    private const string OneShotName = "one-shot";
    private static readonly Action<ScheduledFire> OneShotBody = static fire => OneShotLog.Record(fire.ScheduledAt.UtcTicks);
    private static readonly Action<ScheduledFire> EverySecondBody = static fire => CronLog.Record(int.Parse(fire.Job.Name), fire.ScheduledAt.UtcTicks);
    private static readonly Schedule EverySecond = Schedule.Cron("* * * * * *");

    private readonly Scheduler _scheduler = new();

    public string Name => "ours";

    public ValueTask StartAsync()
    {
        _scheduler.Start();
        return default;
    }

    public ValueTask AddOneShotAsync(DateTimeOffset due)
    {
        _scheduler.AddJob(new ScheduledJob(OneShotName, OneShotBody, due));
        return default;
    }

    public ValueTask AddEverySecondAsync(int index)
    {
        _scheduler.AddJob(new ScheduledJob(index.ToString(), EverySecondBody, EverySecond));
        return default;
    }

    public async ValueTask StopAsync() => await _scheduler.StopAsync();

    public ValueTask DisposeAsync()
    {
        _scheduler.Dispose();
        return default;
    }
}
