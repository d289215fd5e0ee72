using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Symbol.Scheduling;

/// <summary>
/// The JSON form of a saved schedule: each pending job's name, schedule, arguments and next run.
/// Writes are atomic (a temp file renamed over the old one), so a crash mid-save leaves the previous file.
/// </summary>
internal static class ScheduleFile
{
    public const string Format = "symbol-scheduling/1";

    public sealed record Entry(string Name, Schedule Schedule, IReadOnlyList<object?> Arguments, IReadOnlyDictionary<string, object?> NamedArguments, long NextRunTicks);

    public static void Write(string path, IReadOnlyList<(ScheduledJob Job, long NextRunTicks)> jobs, DateTimeOffset savedAt)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new Utf8JsonWriter(stream, WriterOptions))
                    Document(jobs, savedAt).WriteTo(writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    // The default encoder escapes for HTML: "+00:00" became "\u002B00:00" and an argument "a<b" "a\u003Cb". The file
    // is read by people and by Load, never put in a page, so only what JSON itself requires is escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Document(IReadOnlyList<(ScheduledJob Job, long NextRunTicks)> jobs, DateTimeOffset savedAt)
    {
        var array = new JsonArray();
        foreach (var (job, next) in jobs)
        {
            var entry = new JsonObject
            {
                ["name"] = job.Name,
                ["schedule"] = ScheduleToJson(job.Schedule),
                ["nextRun"] = new DateTimeOffset(next, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture),
            };
            if (job.Arguments.Count > 0)
                entry["args"] = new JsonArray(job.Arguments.Select((a, i) => ValueToJson(job, $"argument {i + 1}", a)).ToArray());
            if (job.NamedArguments.Count > 0)
                entry["namedArgs"] = new JsonObject(job.NamedArguments.Select(kv => KeyValuePair.Create(kv.Key, ValueToJson(job, $"argument '{kv.Key}'", kv.Value))));
            array.Add(entry);
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["savedAt"] = savedAt.ToString("O", CultureInfo.InvariantCulture),
            ["jobs"] = array,
        };
    }

    private static JsonNode? ValueToJson(ScheduledJob job, string what, object? value)
    {
        try
        {
            return JsonSerializer.SerializeToNode(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ScheduleFileException($"job '{job.Name}': {what} of type {value?.GetType().Name} cannot be saved as JSON: {ex.Message}", ex);
        }
    }

    private static JsonObject ScheduleToJson(Schedule schedule) => schedule switch
    {
        OneOffSchedule o => new JsonObject { ["at"] = o.Instant.ToString("O", CultureInfo.InvariantCulture) },
        CronSchedule c => new JsonObject { ["cron"] = c.Expression, ["timeZone"] = c.TimeZone.Id },
        IntervalSchedule i => new JsonObject { ["every"] = i.Interval.ToString("c", CultureInfo.InvariantCulture) },
        UnionSchedule u => new JsonObject { ["union"] = new JsonArray(u.Parts.Select(p => (JsonNode)ScheduleToJson(p)).ToArray()) },
        _ => throw new ScheduleFileException($"a {schedule.GetType().Name} cannot be saved"),
    };

    /// <summary>Reads every entry or throws a <see cref="ScheduleFileException"/> that names the file and the problem.</summary>
    public static IReadOnlyList<Entry> Read(string path)
    {
        JsonNode? root;
        try
        {
            using var stream = File.OpenRead(path);
            root = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ScheduleFileException($"{path}: not a valid schedule file (corrupt or truncated JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", ex);
        }
        catch (IOException ex)
        {
            throw new ScheduleFileException($"{path}: cannot read the schedule file: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ScheduleFileException($"{path}: cannot read the schedule file: {ex.Message}", ex);
        }

        if (root is not JsonObject document)
            throw new ScheduleFileException($"{path}: not a valid schedule file (expected a JSON object)");
        var format = Text(document, "format", path, "the file");
        if (format != Format)
            throw new ScheduleFileException($"{path}: unsupported schedule format '{format}' (this version reads '{Format}')");
        if (document["jobs"] is not JsonArray jobs)
            throw new ScheduleFileException($"{path}: not a valid schedule file (missing the 'jobs' array)");

        var entries = new List<Entry>(jobs.Count);
        for (int i = 0; i < jobs.Count; i++)
        {
            var where = $"job #{i + 1}";
            if (jobs[i] is not JsonObject job)
                throw new ScheduleFileException($"{path}: {where}: expected an object");
            var name = Text(job, "name", path, where);
            where = $"job '{name}'";
            var schedule = job["schedule"] is JsonObject s ? ScheduleFromJson(s, path, where) : throw new ScheduleFileException($"{path}: {where}: missing 'schedule'");
            var next = Instant(Text(job, "nextRun", path, where), path, where);
            var args = job["args"] switch
            {
                null => [],
                JsonArray a => a.Select(n => (object?)ToElement(n)).ToArray(),
                _ => throw new ScheduleFileException($"{path}: {where}: 'args' must be an array"),
            };
            var named = job["namedArgs"] switch
            {
                null => new Dictionary<string, object?>(),
                JsonObject o => o.ToDictionary(kv => kv.Key, kv => (object?)ToElement(kv.Value)),
                _ => throw new ScheduleFileException($"{path}: {where}: 'namedArgs' must be an object"),
            };
            entries.Add(new Entry(name, schedule, args, named, next.UtcTicks));
        }
        return entries;
    }

    // Arguments stay JSON until bound, when they take the types of the registered callable's parameters.
    private static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node);

    private static Schedule ScheduleFromJson(JsonObject schedule, string path, string where)
    {
        try
        {
            if (schedule["at"] is not null)
                return Schedule.At(Instant(Text(schedule, "at", path, where), path, where));
            if (schedule["cron"] is not null)
                return Schedule.Cron(Text(schedule, "cron", path, where), TimeZones.Find(Text(schedule, "timeZone", path, where)));
            if (schedule["every"] is not null)
                return Schedule.Every(TimeSpan.ParseExact(Text(schedule, "every", path, where), "c", CultureInfo.InvariantCulture));
            if (schedule["union"] is JsonArray parts)
                return Schedule.Union(parts.Select(p => p is JsonObject o ? ScheduleFromJson(o, path, where) : throw new ScheduleFileException($"{path}: {where}: a union part must be an object")).ToArray());
        }
        catch (Exception ex) when (ex is FormatException or TimeZoneNotFoundException or ArgumentException or OverflowException)
        {
            throw new ScheduleFileException($"{path}: {where}: invalid schedule: {ex.Message}", ex);
        }
        throw new ScheduleFileException($"{path}: {where}: the schedule needs one of 'at', 'cron', 'every' or 'union'");
    }

    private static string Text(JsonObject node, string property, string path, string where)
    {
        try
        {
            return node[property]?.GetValue<string>() ?? throw new ScheduleFileException($"{path}: {where}: missing '{property}'");
        }
        catch (InvalidOperationException)
        {
            throw new ScheduleFileException($"{path}: {where}: '{property}' must be a string");
        }
    }

    private static DateTimeOffset Instant(string text, string path, string where) =>
        Iso8601.TryParse(text, TimeZoneInfo.Utc, out var instant, out var error)
            ? instant
            : throw new ScheduleFileException($"{path}: {where}: '{text}' {error}");
}
