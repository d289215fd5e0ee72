using System.Globalization;
using Symbol.Orchestrator.Language.Diagnostics;
using Symbol.Orchestrator.Language.Syntax;
using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Compilation;

/// <summary>Turns one <c>schedule</c> line into a <see cref="ScheduleDefinition"/> in the workflow's zone.</summary>
internal static class ScheduleBinder
{
    public static ScheduleDefinition? Bind(ScheduleSyntax syntax, TimeZoneInfo zone, DateTimeOffset now, DiagnosticBag diagnostics)
    {
        switch (syntax.Kind)
        {
            case ScheduleKind.Every:
                var every = syntax.Every!;
                if (IntervalError(every.Value) is { } problem)
                {
                    diagnostics.Error(every.Pos, $"an interval must be {problem} (found {every.Raw}): the host records fires to the second");
                    return null;
                }
                return new ScheduleDefinition($"every {every.Raw}", Schedule.Every(every.Value), syntax.Pos.In(diagnostics.Path));
            case ScheduleKind.Cron:
                return BindCron(syntax.Text!, bare: false, zone, now, syntax.Pos, diagnostics);
            case ScheduleKind.At:
                return BindAt(syntax.Text!, $"at {syntax.Text!.Raw}", zone, now, syntax.Pos, diagnostics);
            default:
                // A bare string is an instant if it reads as ISO 8601, else cron; when it is neither,
                // the error follows what it looks like ("2026-13-01" is a bad date, not a bad cron).
                var text = syntax.Text!;
                if (Iso8601.TryParse(text.Value, zone, out _, out _) || LooksLikeDate(text.Value))
                    return BindAt(text, text.Raw, zone, now, syntax.Pos, diagnostics);
                return BindCron(text, bare: true, zone, now, syntax.Pos, diagnostics);
        }
    }

    // Run ids and fire watermarks have second resolution: "every 500ms" would preview fires at :00.5 that the host
    // folds into :00 and :01, and "every 1500ms" fires at half seconds too. So only whole seconds, at least one.
    private static string? IntervalError(TimeSpan interval) =>
        interval < TimeSpan.FromSeconds(1) ? "at least 1s"
        : interval.Ticks % TimeSpan.TicksPerSecond != 0 ? "a whole number of seconds"
        : null;

    private static ScheduleDefinition? BindCron(StringToken text, bool bare, TimeZoneInfo zone, DateTimeOffset now, TextPos pos, DiagnosticBag diagnostics)
    {
        var key = new CronKey(text.Raw, bare, zone);
        if (!Crons.TryGetValue(key, out var parsed))
        {
            if (!CronSchedule.TryParse(text.Value, zone, out var cron, out var error))
            {
                diagnostics.Error(text.Pos, error.Replace("The given cron expression has an invalid format. ", "", StringComparison.Ordinal));
                return null;
            }
            if (Crons.Count >= MaxCrons)
                Crons.Clear();
            parsed = Crons.GetOrAdd(key, (bare ? text.Raw : $"cron {text.Raw}", cron, FiresWithin(cron, now, SilentYears)));
        }
        if (!parsed.Fires)
            diagnostics.Warning(text.Pos, $"{parsed.Written} has no fire in the next {SilentYears} years; it will not fire");
        return new ScheduleDefinition(parsed.Written, parsed.Cron, pos.In(diagnostics.Path));
    }

    // "0 0 30 2 *" (February 30th) or "0 0 31 4 *" parse but never fire. Every date that exists comes within
    // 8 years (February 29th, across 2100), so 10 years tells them apart from a rare but real fire; the answer
    // does not move with "now", so it is cached with the parsed line.
    private const int SilentYears = 10;

    private static bool FiresWithin(Schedule schedule, DateTimeOffset now, int years) =>
        schedule.NextAfter(now) is { } next && next <= now.AddYears(years);

    // Folders repeat a few cron lines ("0 2 * * *" in every nightly workflow). A schedule is immutable,
    // so workflows share one: the compiled result, which every collection during a compile copies,
    // holds one CronSchedule per distinct line and zone rather than one per workflow. Bounded: it
    // starts over when full. Only lines that parse are kept, so an error is reported every time.
    private const int MaxCrons = 1024;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<CronKey, (string Written, CronSchedule Cron, bool Fires)> Crons = new();

    /// <summary>A cron line as written, read in a zone. Zones compare by identity: the binder's zones are cached instances.</summary>
    private readonly record struct CronKey(string Raw, bool Bare, TimeZoneInfo Zone)
    {
        public bool Equals(CronKey other) => Bare == other.Bare && ReferenceEquals(Zone, other.Zone) && string.Equals(Raw, other.Raw, StringComparison.Ordinal);

        public override int GetHashCode() => HashCode.Combine(Raw, Bare, System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Zone));
    }

    private static ScheduleDefinition? BindAt(StringToken text, string written, TimeZoneInfo zone, DateTimeOffset now, TextPos pos, DiagnosticBag diagnostics)
    {
        if (!Iso8601.TryParse(text.Value, zone, out var instant, out var error))
        {
            diagnostics.Error(text.Pos, $"malformed ISO 8601 time \"{text.Value}\": {error}");
            return null;
        }
        if (instant <= now)
            diagnostics.Warning(text.Pos, $"one-off time {instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)} is in the past; it will not fire");
        return new ScheduleDefinition(written, Schedule.At(instant), pos.In(diagnostics.Path));
    }

    private static bool LooksLikeDate(string text)
    {
        var t = text.AsSpan().Trim();
        return t.Length >= 5 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && char.IsAsciiDigit(t[3]) && t[4] == '-';
    }
}
