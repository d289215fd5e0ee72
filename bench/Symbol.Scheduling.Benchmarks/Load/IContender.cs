namespace Symbol.Scheduling.Benchmarks.Load;

/// <summary>
/// A scheduler under test, seen only through what the scenarios need, so both are driven by the
/// same scenario code. One instance serves one scenario and is then disposed.
/// </summary>
internal interface IContender : IAsyncDisposable
{
    string Name { get; }

    ValueTask StartAsync();

    /// <summary>Adds a job that runs once at <paramref name="due"/> and records into <see cref="OneShotLog"/>.</summary>
    ValueTask AddOneShotAsync(DateTimeOffset due);

    /// <summary>Adds job number <paramref name="index"/>, firing every second and recording into <see cref="CronLog"/>.</summary>
    ValueTask AddEverySecondAsync(int index);

    /// <summary>Stops firing and waits for running jobs.</summary>
    ValueTask StopAsync();
}
