using System.Globalization;

namespace Symbol.Orchestrator.Language.Planning;

/// <summary>
/// A schedule as written in a <c>.flow</c> file, said in plain English for the dashboard: <c>every 15m</c> is
/// "every 15 minutes", <c>cron "30 9 * * MON"</c> is "every Monday at 09:30". Only the common shapes have words; any
/// other schedule (<c>*/15 9-17 * * MON-FRI</c>) is given back as written, which is never wrong.
/// </summary>
public static class ScheduleWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "every year on 1 January at 00:00",
        ["@annually"] = "every year on 1 January at 00:00",
        ["@monthly"] = "every month on the 1st at 00:00",
        ["@weekly"] = "every Sunday at 00:00",
        ["@daily"] = "every day at 00:00",
        ["@midnight"] = "every day at 00:00",
        ["@hourly"] = "every hour",
    };

    /// <summary>The words for <paramref name="schedule"/> (a <see cref="ScheduleDefinition.Text"/>), or the text itself.</summary>
    public static string Describe(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var text = schedule.Trim();
        if (text.StartsWith("every ", StringComparison.Ordinal))
            return Interval(text["every ".Length..]) ?? schedule;
        if (text.StartsWith("at ", StringComparison.Ordinal))
            return $"once, at {Unquote(text["at ".Length..])}";
        var cron = Unquote(text.StartsWith("cron ", StringComparison.Ordinal) ? text["cron ".Length..] : text);
        if (Macros.TryGetValue(cron, out var macro))
            return macro;
        // A bare instant (ISO 8601) is a one-off; cron fields never hold a 'T' between digits and a colon.
        if (cron.Contains('T', StringComparison.Ordinal) && cron.Contains(':', StringComparison.Ordinal))
            return $"once, at {cron}";
        return Cron(cron.Split(' ', StringSplitOptions.RemoveEmptyEntries)) ?? schedule;
    }

    // "1h30m" → "every 1 hour 30 minutes", "2s" → "every 2 seconds", "1m" → "every minute".
    private static string? Interval(string written)
    {
        var parts = new List<(int Amount, string Unit)>();
        var rest = written.Trim();
        while (rest.Length > 0)
        {
            var digits = rest.TakeWhile(char.IsAsciiDigit).Count();
            var letters = rest.Skip(digits).TakeWhile(char.IsAsciiLetter).Count();
            if (digits == 0 || letters == 0 || !int.TryParse(rest.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                return null;
            var unit = rest.Substring(digits, letters) switch
            {
                "d" => "day",
                "h" => "hour",
                "m" => "minute",
                "s" => "second",
                "ms" => "millisecond",
                _ => null,
            };
            if (unit is null)
                return null;
            parts.Add((amount, unit));
            rest = rest[(digits + letters)..];
        }
        if (parts.Count == 1 && parts[0].Amount == 1)
            return $"every {parts[0].Unit}";
        return "every " + string.Join(" ", parts.Select(p => $"{p.Amount} {p.Unit}{(p.Amount == 1 ? "" : "s")}"));
    }

    private static string? Cron(string[] fields)
    {
        if (fields.Length == 6)
        {
            // Seconds first: "*/2 * * * * *" is every 2 seconds; a fixed second 0 is the 5-field schedule.
            if (fields.Skip(1).All(f => f == "*"))
                return fields[0] == "*" ? "every second" : Step(fields[0]) is { } seconds ? $"every {seconds} seconds" : null;
            if (fields[0] != "0")
                return null;
            fields = fields[1..];
        }
        if (fields.Length != 5)
            return null;
        var (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (month != "*")
            return null;
        if (hour == "*" && dayOfMonth == "*" && dayOfWeek == "*")
        {
            if (minute == "*")
                return "every minute";
            if (Step(minute) is { } minutes)
                return $"every {minutes} minutes";
            return Number(minute, 59) is { } at ? (at == 0 ? "every hour" : $"every hour at minute {at}") : null;
        }
        if (Step(hour) is { } hours && Number(minute, 59) is { } onMinute && dayOfMonth == "*" && dayOfWeek == "*")
            return onMinute == 0 ? $"every {hours} hours" : $"every {hours} hours at minute {onMinute}";
        if (Number(minute, 59) is not { } m || Number(hour, 23) is not { } h)
            return null;
        var time = $"{h:00}:{m:00}";
        if (dayOfMonth == "*" && dayOfWeek == "*")
            return $"every day at {time}";
        if (dayOfMonth == "*" && WeekDays(dayOfWeek) is { } days)
            return $"every {days} at {time}";
        if (dayOfWeek == "*" && Number(dayOfMonth, 31) is { } day and > 0)
            return $"every month on the {Ordinal(day)} at {time}";
        if (dayOfWeek == "*" && dayOfMonth == "L")
            return $"every month on its last day at {time}";
        return null;
    }

    // "*/15" → 15 (also "0/15"); null for anything else.
    private static int? Step(string field)
    {
        var slash = field.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || field[..slash] is not ("*" or "0"))
            return null;
        return int.TryParse(field.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 1 ? step : null;
    }

    private static int? Number(string field, int max) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;

    // "MON" → "Monday"; "1,3,5" → "Monday, Wednesday and Friday"; "MON-FRI" → "weekday"; "SAT,SUN" → "Saturday and Sunday".
    private static string? WeekDays(string field)
    {
        if (field.Equals("MON-FRI", StringComparison.OrdinalIgnoreCase) || field == "1-5")
            return "weekday";
        var days = new List<string>();
        foreach (var part in field.Split(','))
        {
            var index = Array.FindIndex(DayNames, d => d.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (index < 0 && Number(part, 7) is { } n)
                index = n % 7;
            if (index < 0)
                return null;
            days.Add(Days[index]);
        }
        return days.Count == 1 ? days[0] : string.Join(", ", days.SkipLast(1)) + " and " + days[^1];
    }

    private static string Ordinal(int day) => day switch
    {
        1 or 21 or 31 => $"{day}st",
        2 or 22 => $"{day}nd",
        3 or 23 => $"{day}rd",
        _ => $"{day}th",
    };

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
}
