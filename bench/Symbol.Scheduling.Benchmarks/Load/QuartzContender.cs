using Quartz;

namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// Quartz.NET 4.7.3 with its defaults: <see cref="QuartzSchedulerBuilder"/> with no configuration is
/// what <c>StdSchedulerFactory</c> gave in 3.x (RAMJobStore, default thread pool of 10, batch of 1).
/// </summary>
internal sealed class QuartzContender : IContender
{
    private readonly StandaloneSchedulerFactory _factory = QuartzSchedulerBuilder.Create().Build();
    private IScheduler? _scheduler;
    private int _nextId;

    public string Name => "Quartz";

    public async ValueTask StartAsync()
    {
        _scheduler = await _factory.GetScheduler();
        await _scheduler.Start();
    }

    public async ValueTask AddOneShotAsync(DateTimeOffset due)
    {
        // Quartz keys must be unique, so every job and trigger needs a name of its own.
        string name = Interlocked.Increment(ref _nextId).ToString();
        var job = JobBuilder.Create<OneShotJob>().WithIdentity(name).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(name).StartAt(due).Build();
        await Scheduler.ScheduleJob(job, trigger);
    }

    public async ValueTask AddEverySecondAsync(int index)
    {
        string name = index.ToString();
        var job = JobBuilder.Create<EverySecondJob>().WithIdentity(name).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name)
            .StartNow()
            .WithSchedule(CronScheduleBuilder.Create("* * * * * ?").InTimeZone(TimeZoneInfo.Utc))
            .Build();
        await Scheduler.ScheduleJob(job, trigger);
    }

    public async ValueTask StopAsync()
    {
        if (_scheduler is not null)
            await _scheduler.Shutdown(waitForJobsToComplete: true);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private IScheduler Scheduler => _scheduler ?? throw new InvalidOperationException("start the Quartz contender first");

    // Quartz creates a job instance per fire, so the recording happens through static logs.
    private sealed class OneShotJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            OneShotLog.Record(context.ScheduledFireTimeUtc!.Value.UtcTicks);
            return default;
        }
    }

    private sealed class EverySecondJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            CronLog.Record(int.Parse(context.JobDetail.Key.Name), context.ScheduledFireTimeUtc!.Value.UtcTicks);
            return default;
        }
    }
}
