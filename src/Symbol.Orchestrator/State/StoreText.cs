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

    public static string Name(RunStatus value) => value switch
    {
        RunStatus.Pending => "pending",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a run status"),
    };

    public static string Name(JobStatus value) => value switch
    {
        JobStatus.Pending => "pending",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a job status"),
    };

    public static string Name(RunTrigger value) => value switch
    {
        RunTrigger.Schedule => "schedule",
        RunTrigger.Catchup => "catchup",
        RunTrigger.Manual => "manual",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a run trigger"),
    };

    public static string Name(AttemptOutcome value) => value switch
    {
        AttemptOutcome.Running => "running",
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.Failed => "failed",
        AttemptOutcome.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not an attempt outcome"),
    };

    public static RunStatus ParseRunStatus(string text) => Parse<RunStatus>(text);

    public static JobStatus ParseJobStatus(string text) => Parse<JobStatus>(text);

    public static RunTrigger ParseTrigger(string text) => Parse<RunTrigger>(text);

    public static AttemptOutcome ParseOutcome(string text) => Parse<AttemptOutcome>(text);

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

    // The names above are the enum names in lower case; parsing by name keeps one table of them.
    private static T Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0])
            ? value
            : throw new StateStoreException($"The store holds '{text}' where a {typeof(T).Name} was expected.");
}
