// A demo of the scheduling library alone (the README's "The scheduling library"), on the real clock: the seed's microservice
// orchestration and report generation. Ctrl+C stops it gracefully and saves the schedule.
using Microsoft.Extensions.Logging;
using Symbol.Scheduling;

namespace SchedulingDemo;

// Inside a namespace the alias wins over the Symbol.* namespaces (at the top level it cannot: CS0576).
using Symbol = Symbol.Scheduling.Symbol;

internal static class Program
{
    private static async Task Main()
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        using var scheduler = new Scheduler(logger: loggers.CreateLogger<Scheduler>());
        var start = DateTimeOffset.UtcNow;
        void Say(string what, ScheduledFire fire) =>
            Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff}  {what,-34} (due {fire.ScheduledAt:HH:mm:ss.fff})");

        // Microservice orchestration: ingestion every minute (every 10 s here, to see it sooner), then
        // transformation 10 s and loading 20 s after start.
        scheduler.AddJob(new ScheduledJob("ingest", (string source, ScheduledFire f) => Say($"ingest from {source}", f), "*/10 * * * * *", args: ["orders-api"]));
        scheduler.AddJob(new ScheduledJob("transform", (ScheduledFire f) => Say("transform", f), start.AddSeconds(10)));
        scheduler.AddJob(new ScheduledJob("load", (ScheduledFire f) => Say("load into the warehouse", f), new Symbol(start.AddSeconds(20).ToString("O"))));

        // Report generation: a one-off in 5 s, and every minute on Mondays.
        scheduler.AddJob(new ScheduledJob("report", (string kind, ScheduledFire f) => Say($"{kind} report", f), start.AddSeconds(5), args: ["ad-hoc"]));
        scheduler.AddJob(new ScheduledJob("monday", (ScheduledFire f) => Say("monday report", f), "* * * * MON"));

        Console.WriteLine("Scheduled (Ctrl+C to stop):");
        foreach (var job in scheduler.Jobs)
            Console.WriteLine($"  {job.Name,-10} next {job.NextRun:yyyy-MM-dd HH:mm:ss} UTC  {job.Schedule}");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        scheduler.Start();
        await stop.Task;

        var saved = Path.Combine(".orchestrator", "demo-schedule.json");
        await scheduler.StopAsync(TimeSpan.FromSeconds(5));
        scheduler.Save(saved);
        Console.WriteLine($"Stopped; the pending schedule is saved in {saved}.");
    }
}
