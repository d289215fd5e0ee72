using System.Globalization;
using System.Text.RegularExpressions;

namespace Symbol.Scheduling;

/// <summary>
/// Strict ISO 8601 instants: <c>2026-11-28</c>, <c>2026-11-28T02:00</c>, <c>2026-11-28T02:00:00.5Z</c>,
/// <c>2026-11-28 02:00:00+01:00</c>. Without an offset, the time is read in a given zone.
/// </summary>
public static partial class Iso8601
{
    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[T ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,7}))?)?)?(?<z>Z|z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, TimeZoneInfo zoneWithoutOffset, out DateTimeOffset instant, [NotNullWhen(false)] out string? error) =>
        TryParse(text, zoneWithoutOffset, out instant, out _, out error);

    /// <summary>As above, and says whether the text carried its own offset.</summary>
    public static bool TryParse(string text, TimeZoneInfo zoneWithoutOffset, out DateTimeOffset instant, out bool hadOffset, [NotNullWhen(false)] out string? error)
    {
        instant = default;
        hadOffset = false;
        var match = text is null || text.Length > 64 ? null : Pattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            error = "expected an ISO 8601 time such as 2026-11-28T02:00:00Z or 2026-11-28T02:00";
            return false;
        }
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        int year = Part("y"), month = Part("mo"), day = Part("d"), hour = Part("h"), minute = Part("mi"), second = Part("s");
        if (year < 1 || month is < 1 or > 12)
            return Fail($"month {month:00} is out of range", out error);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            return Fail($"day {day:00} is out of range for {year:0000}-{month:00}", out error);
        if (hour > 23)
            return Fail($"hour {hour:00} is out of range", out error);
        if (minute > 59)
            return Fail($"minute {minute:00} is out of range", out error);
        if (second > 59)
            return Fail($"second {second:00} is out of range", out error);
        long fractionTicks = 0;
        if (match.Groups["f"].Success)
            fractionTicks = long.Parse(match.Groups["f"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture);
        var wall = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);

        var zone = match.Groups["z"];
        if (!zone.Success)
        {
            instant = TimeZones.ToInstant(wall, zoneWithoutOffset);
            error = null;
            return true;
        }
        hadOffset = true;
        var offset = TimeSpan.Zero;
        if (zone.Value is not ("Z" or "z"))
        {
            var digits = zone.Value[1..].Replace(":", "");
            int offsetHours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            int offsetMinutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
            if (offsetHours > 14 || offsetMinutes > 59)
                return Fail($"offset {zone.Value} is out of range", out error);
            offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (zone.Value[0] == '-' ? -1 : 1);
        }
        try
        {
            instant = new DateTimeOffset(wall, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Fail("the instant is out of range", out error);
        }
        error = null;
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
