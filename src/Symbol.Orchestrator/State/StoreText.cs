using System.Globalization;
using System.Text.Json;

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

    /// <summary>A state as the store writes it: the enum's name in lower case (<c>running</c>), which the SQL also spells out.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");

    public static T Parse<T>(string text) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(text, out var value)
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

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
