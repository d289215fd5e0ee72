using System.Globalization;
using System.Text.RegularExpressions;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Tests.Planning;

/// <summary>Compiled workflows made by hand, so the planning is tested apart from the parser.</summary>
internal static class Build
{
    public static readonly SourcePosition Here = new("test.flow", 1, 1);

    /// <summary>
    /// A workflow from schedule lines as a .flow file writes them (<c>cron "…"</c>, <c>at "…"</c>,
    /// <c>every 15m</c>) in <paramref name="zone"/>.
    /// </summary>
    public static WorkflowDefinition Workflow(string zone, IEnumerable<string> schedules, CatchupPolicy? catchup = null, IEnumerable<JobDefinition>? jobs = null, string name = "wf")
    {
        var tz = TimeZones.Find(zone);
        var jobList = (jobs ?? [Job("only")]).ToArray();
        var edges = jobList.SelectMany(j => j.Upstream.Select(up => new Edge(up, j.Name, Here))).ToArray();
        return new WorkflowDefinition(name, Here, "", schedules.Select(s => Schedule(s, tz)).ToArray(), tz,
            catchup ?? CatchupPolicy.Default, 1, OverlapPolicy.Skip, "{}", [], jobList, edges);
    }

    public static WorkflowDefinition Jobs(params JobDefinition[] jobs) => Workflow("UTC", [], jobs: jobs);

    public static JobDefinition Job(string name, params string[] upstream) =>
        new(name, Here, RetryPolicy.None, null, new ScriptSource("return 1;", "test.flow", 1, 1), upstream);

    public static ScheduleDefinition Schedule(string line, TimeZoneInfo zone)
    {
        var space = line.IndexOf(' ');
        var (kind, argument) = (line[..space], line[(space + 1)..].Trim('"'));
        Schedule schedule = kind switch
        {
            "cron" => Scheduling.Schedule.Cron(argument, zone),
            "at" => Scheduling.Schedule.At(Iso8601.TryParse(argument, zone, out var at, out var error) ? at : throw new FormatException(error)),
            "every" => Scheduling.Schedule.Every(Duration(argument)),
            _ => throw new ArgumentException($"unknown schedule kind in '{line}'"),
        };
        return new ScheduleDefinition(line, schedule, Here);
    }

    /// <summary>"1h30m", "15m", "250ms".</summary>
    public static TimeSpan Duration(string text) =>
        Regex.Matches(text, @"(\d+)(ms|s|m|h|d)").Aggregate(TimeSpan.Zero, (sum, part) => sum + int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * (part.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        }));

    /// <summary>"2027-03-28 03:00+02:00" or "2027-03-28 01:00Z".</summary>
    public static DateTimeOffset Instant(string text) =>
        Iso8601.TryParse(text, TimeZoneInfo.Utc, out var instant, out var error) ? instant : throw new FormatException(error);

    /// <summary>How the tests write an instant in a zone: "2027-03-28 03:00+02:00" (seconds only when set).</summary>
    public static string Show(DateTimeOffset at) =>
        at.ToString(at.Second == 0 ? "yyyy-MM-dd HH:mmzzz" : "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
}
