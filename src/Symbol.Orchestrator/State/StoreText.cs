using System.Globalization;
using System.Text.Json;
using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.State;

/// <summary>
/// How a store writes instants, states and log lines as text. Instants are UTC with a fixed width
/// (<c>2026-11-28T01:00:00.0000000Z</c>), so comparing the text compares the instants.
/// </summary>
internal static class StoreText
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static string? Instant(DateTimeOffset? value) => value is { } v ? Instant(v) : null;

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>A state as the store wrote it, with <see cref="EnumText.Name{T}"/> (<c>running</c>, which the SQL also spells out).</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        EnumText.TryParse<T>(text, out var value)
            ? value
            : throw new StateStoreException($"The store holds '{text}' where a {typeof(T).Name} was expected.");

    /// <summary>Log lines as a JSON array of strings; none is null, so most attempts store nothing.</summary>
    public static string? Logs(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return null;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var line in lines)
                writer.WriteStringValue(line);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<string> ParseLogs(string? json)
    {
        if (json is null)
            return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }
}
