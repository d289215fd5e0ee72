using Cronos;

namespace Symbol.Scheduling;

/// <summary>
/// A cron expression in a time zone, computed by Cronos: 5 fields (minutes), 6 fields (seconds
/// first) or a macro (<c>@daily</c>). DST follows Cronos: a time skipped by spring-forward fires at
/// the end of the gap, a time repeated by fall-back fires once, the first time.
/// </summary>
public sealed class CronSchedule : Schedule
{
    private readonly CronExpression _primary;
    // Vixie cron ORs day-of-month and day-of-week when both are restricted ("0 0 13 * FRI" fires
    // on every 13th and every Friday); Cronos ANDs them, so such an expression is split in two.
    private readonly CronExpression? _dayOfWeekAlternative;

    private CronSchedule(string expression, TimeZoneInfo zone, CronExpression primary, CronExpression? alternative)
    {
        Expression = expression;
        TimeZone = zone;
        _primary = primary;
        _dayOfWeekAlternative = alternative;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>True when day-of-month and day-of-week are both restricted and so ORed.</summary>
    public bool UsesVixieDayOr => _dayOfWeekAlternative is not null;

    public override bool IsRecurring => true;

    /// <summary>Parses <paramref name="expression"/>, throwing a <see cref="FormatException"/> that says what is wrong.</summary>
    public static CronSchedule Parse(string expression, TimeZoneInfo zone) =>
        TryParse(expression, zone, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>Parses <paramref name="expression"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string expression, TimeZoneInfo zone, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        schedule = null;
        var text = expression.Trim();
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool isMacro = text.StartsWith('@');
        if (!isMacro && fields.Length is not (5 or 6))
        {
            error = $"invalid cron expression \"{expression}\": expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found {fields.Length}";
            return false;
        }
        var format = fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            var primary = CronExpression.Parse(text, format);
            CronExpression? alternative = null;
            if (!isMacro && IsRestricted(fields[^3]) && IsRestricted(fields[^1]))
            {
                var dayOfMonthOnly = (string[])fields.Clone();
                dayOfMonthOnly[^1] = "*";
                var dayOfWeekOnly = (string[])fields.Clone();
                dayOfWeekOnly[^3] = "*";
                primary = CronExpression.Parse(string.Join(' ', dayOfMonthOnly), format);
                alternative = CronExpression.Parse(string.Join(' ', dayOfWeekOnly), format);
            }
            schedule = new CronSchedule(text, zone, primary, alternative);
            error = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"invalid cron expression \"{expression}\": {ex.Message.TrimEnd('.')}";
            return false;
        }
    }

    // Vixie cron treats a field starting with '*' as unrestricted, "*/2" included.
    private static bool IsRestricted(string field) => !field.StartsWith('*') && field != "?";

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        var next = _primary.GetNextOccurrence(instant, TimeZone);
        if (_dayOfWeekAlternative?.GetNextOccurrence(instant, TimeZone) is { } other && (next is null || other < next))
            next = other;
        return next;
    }

    public override string ToString() =>
        TimeZone == TimeZoneInfo.Utc ? $"cron \"{Expression}\"" : $"cron \"{Expression}\" in {TimeZone.Id}";
}
