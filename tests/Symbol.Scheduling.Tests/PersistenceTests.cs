using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Symbol.Scheduling.Tests;

public sealed class PersistenceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = SchedulerHarness.Start;
    private readonly TempFolder _folder = new();

    private string SavePath => Path.Combine(_folder.Path, "schedule.json");

    public void Dispose() => _folder.Dispose();

    private static void Ingest(string source, int batch, CancellationToken token) { }
    private static void Report() { }

    private static Scheduler NewScheduler(TimeProvider clock)
    {
        var scheduler = new Scheduler(clock);
        scheduler.Register("ingest", Ingest);
        scheduler.Register("report", Report);
        scheduler.Register("tick", Report);
        scheduler.Register("mixed", Report);
        return scheduler;
    }

    private void SaveSample()
    {
        using var scheduler = NewScheduler(new FakeTimeProvider(T0));
        scheduler.AddJob(new ScheduledJob("ingest", Ingest, Schedule.Cron("*/5 * * * *", "Europe/Berlin"), args: ["s3://bucket"], namedArgs: new Dictionary<string, object?> { ["batch"] = 500 }));
        scheduler.AddJob(new ScheduledJob("report", Report, T0.AddSeconds(5)));
        scheduler.AddJob(new ScheduledJob("tick", Report, Schedule.Every(TimeSpan.FromMinutes(15))));
        scheduler.AddJob(new ScheduledJob("mixed", Report, Schedule.Union(Schedule.Cron("0 9 * * MON"), Schedule.At(T0.AddDays(3)))));
        scheduler.Save(SavePath);
    }

    [Fact]
    public void SaveThenLoad_RestoresNamesSchedulesArgumentsAndNextRuns()
    {
        SaveSample();
        using var restored = NewScheduler(new FakeTimeProvider(T0));
        var jobs = restored.Load(SavePath).ToDictionary(j => j.Name);

        Assert.Equal(["ingest", "mixed", "report", "tick"], jobs.Keys.Order());
        var ingest = jobs["ingest"];
        var cron = Assert.IsType<CronSchedule>(ingest.Schedule);
        Assert.Equal(("*/5 * * * *", "Europe/Berlin"), (cron.Expression, cron.TimeZone.Id));
        Assert.Equal(T0, ingest.NextRun);
        Assert.Equal("s3://bucket", ingest.Arguments[0]?.ToString());
        Assert.Equal("500", ingest.NamedArguments["batch"]?.ToString());
        Assert.Equal(T0.AddSeconds(5), jobs["report"].NextRun);
        Assert.Equal(TimeSpan.FromMinutes(15), Assert.IsType<IntervalSchedule>(jobs["tick"].Schedule).Interval);
        Assert.Equal(T0, jobs["tick"].NextRun); // 10:00 is on the 15-minute grid
        Assert.Equal(2, Assert.IsType<UnionSchedule>(jobs["mixed"].Schedule).Parts.Count);
        Assert.Equal(4, restored.PendingCount);
    }

    [Fact]
    public async Task LoadedJobs_RunWithTheirSavedArguments_BoundToTheRegisteredCallable()
    {
        var clock = new FakeTimeProvider(T0);
        using (var original = new Scheduler(clock))
        {
            original.AddJob(new ScheduledJob("ingest", (Action<string, int>)((source, batch) => { }), T0.AddMinutes(1), args: ["s3://bucket"], namedArgs: new Dictionary<string, object?> { ["batch"] = 500 }));
            original.Save(SavePath);
        }

        var received = new TaskCompletionSource<string>();
        var h = new SchedulerHarness();
        h.Scheduler.Register("ingest", (string source, int batch) => received.SetResult($"{source} x{batch}"));
        h.Scheduler.Load(SavePath);
        h.RunUntil(T0.AddMinutes(1));

        Assert.Equal("s3://bucket x500", await received.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        h.Dispose();
    }

    [Fact]
    public void Save_IsAtomic_ReplacingTheOldFileAndLeavingNoTempFileBehind()
    {
        File.WriteAllText(SavePath, "old contents");
        SaveSample();
        Assert.Equal(["schedule.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.Equal("symbol-scheduling/1", JsonNode.Parse(File.ReadAllText(SavePath))!["format"]!.GetValue<string>());
    }

    [Fact]
    public void SavedFile_KeepsOffsetsAndArgumentsReadable_InsteadOfEscapingThem()
    {
        using (var scheduler = NewScheduler(new FakeTimeProvider(T0)))
        {
            scheduler.AddJob(new ScheduledJob("ingest", Ingest, Schedule.Cron("*/5 * * * *", "Europe/Berlin"), args: ["a+b <c> & 'd' Zürich"], namedArgs: new Dictionary<string, object?> { ["batch"] = 500 }));
            scheduler.Save(SavePath);
        }

        var text = File.ReadAllText(SavePath);

        // The default JSON encoder wrote "+00:00" as "\u002B00:00" and the argument as "a\u002Bb \u003Cc\u003E ...".
        Assert.Contains($"\"nextRun\": \"{T0.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffff}+00:00\"", text);
        Assert.Contains("\"a+b <c> & 'd' Zürich\"", text);
        Assert.DoesNotContain("\\u", text);
        using var restored = NewScheduler(new FakeTimeProvider(T0));
        Assert.Equal("a+b <c> & 'd' Zürich", restored.Load(SavePath).Single().Arguments[0]?.ToString());
    }

    [Fact]
    public void MissedRunWhileDown_RunsOnceOnLoad_ThenResumesFromNow()
    {
        SaveSample();
        using var h = new SchedulerHarness(T0.AddHours(3));
        foreach (var name in new[] { "report", "tick", "mixed" })
            h.Scheduler.Register(name, h.Recorder(name));
        var ingest = h.Recorder("ingest");
        h.Scheduler.Register("ingest", (string source, int batch, ScheduledFire fire) => ingest(fire));
        h.Scheduler.Load(SavePath);
        h.RunUntil(T0.AddHours(3));

        // Each job missed at least one fire in three hours down: each runs exactly once, for its oldest missed fire.
        Assert.Equal(["ingest", "report", "tick"], h.Names.Order());
        Assert.Contains(h.Runs, r => r.Job == "report" && r.ScheduledAt == T0.AddSeconds(5));
        Assert.Equal(T0.AddHours(3).AddMinutes(5), h.Scheduler.Jobs.Single(j => j.Name == "ingest").NextRun);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void TruncatedFile_FailsWithAClearError_AndSchedulesNothing(double keep)
    {
        SaveSample();
        var text = File.ReadAllText(SavePath);
        File.WriteAllText(SavePath, text[..(int)(text.Length * keep)]);

        using var scheduler = NewScheduler(new FakeTimeProvider(T0));
        var error = Assert.Throws<ScheduleFileException>(() => scheduler.Load(SavePath));
        Assert.StartsWith(SavePath, error.Message);
        Assert.Contains("not a valid schedule file", error.Message);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Theory]
    [InlineData("\u0000\u0001garbage\u00ff", "not a valid schedule file")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("{\"format\":\"symbol-scheduling/9\",\"jobs\":[]}", "unsupported schedule format 'symbol-scheduling/9'")]
    [InlineData("{\"format\":\"symbol-scheduling/1\"}", "missing the 'jobs' array")]
    [InlineData("{\"format\":\"symbol-scheduling/1\",\"jobs\":[{\"name\":\"report\",\"nextRun\":\"2026-11-27T10:00:00Z\"}]}", "job 'report': missing 'schedule'")]
    [InlineData("{\"format\":\"symbol-scheduling/1\",\"jobs\":[{\"name\":\"report\",\"schedule\":{\"cron\":\"99 * * * *\",\"timeZone\":\"UTC\"},\"nextRun\":\"2026-11-27T10:00:00Z\"}]}", "job 'report': invalid schedule: invalid cron expression")]
    [InlineData("{\"format\":\"symbol-scheduling/1\",\"jobs\":[{\"name\":\"report\",\"schedule\":{\"at\":\"2026-11-27T10:00:00Z\"},\"nextRun\":\"soon\"}]}", "job 'report': 'soon' expected an ISO 8601 time")]
    [InlineData("{\"format\":\"symbol-scheduling/1\",\"jobs\":[{\"name\":\"report\",\"schedule\":{\"at\":\"2026-11-27T10:00:00Z\"},\"nextRun\":\"2026-11-27T10:00:00Z\",\"args\":[1]}]}", "job 'report': Report() takes 0 positional argument(s) but 1 were given")]
    public void CorruptFile_IsAClearError_NeverASilentDrop(string contents, string fragment)
    {
        File.WriteAllText(SavePath, contents);
        using var scheduler = NewScheduler(new FakeTimeProvider(T0));
        var error = Assert.Throws<ScheduleFileException>(() => scheduler.Load(SavePath));
        Assert.Contains(fragment, error.Message);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void UnknownJobName_IsAnError_AndNothingIsScheduled()
    {
        SaveSample();
        using var scheduler = new Scheduler(new FakeTimeProvider(T0));
        scheduler.Register("ingest", Ingest);
        scheduler.Register("report", Report);

        var error = Assert.Throws<ScheduleFileException>(() => scheduler.Load(SavePath));
        Assert.Contains("no callable is registered under that name (registered: ingest, report)", error.Message);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void MissingFile_IsAScheduleFileError() =>
        Assert.Contains("cannot read the schedule file", Assert.Throws<ScheduleFileException>(() => new Scheduler().Load(SavePath)).Message);
}
