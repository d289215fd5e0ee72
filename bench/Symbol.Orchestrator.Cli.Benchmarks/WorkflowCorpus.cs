using System.Text;

namespace Symbol.Orchestrator.Cli.Benchmarks;

/// <summary>
/// Generated .flow files that look like real ones: a mix of zones (two with DST), cron shapes (Vixie OR,
/// L, steps, weekdays), intervals and one-offs, and a fan-out/fan-in of four jobs with small scripts.
/// </summary>
public static class WorkflowCorpus
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"];

    private static readonly string[] Schedules =
    [
        "schedule cron \"30 2 * * *\"",
        "schedule cron \"*/15 * * * *\"",
        "schedule cron \"0 9 * * MON-FRI\"",
        "schedule cron \"0 0 13 * FRI\"",
        "schedule cron \"0 0 L * *\"",
        "schedule every 45m",
        "schedule cron \"0 */6 * * *\"\n    schedule at \"2030-01-01T09:00\"",
        "schedule \"15 4 * * SUN\"",
    ];

    public static string Workflow(int i)
    {
        var text = new StringBuilder();
        text.Append("# generated workflow ").Append(i).Append('\n');
        text.Append("workflow wf").Append(i.ToString("D5")).Append(" {\n");
        text.Append("    ").Append(Schedules[i % Schedules.Length]).Append('\n');
        text.Append("    timezone \"").Append(Zones[i / Schedules.Length % Zones.Length]).Append("\"\n");
        text.Append("    catchup ").Append((i % 3) switch { 0 => "latest", 1 => "all within 1d", _ => "none" }).Append('\n');
        text.Append("    retries 2 backoff 10s\n");
        text.Append("    params { \"region\": \"eu\", \"batch\": ").Append(i).Append(" }\n\n");
        text.Append("    job ingest { timeout 2m  run ``` const rows = [1, 2, 3]; log(`rows ${rows.length}`); return { count: rows.length }; ``` }\n");
        text.Append("    job transform { run ``` return inputs.ingest.count * 2; ``` }\n");
        text.Append("    job check { run ``` if (inputs.ingest.count < 1) throw new Error(\"empty\"); ``` }\n");
        text.Append("    job load { retries 0  run ``` return inputs.transform; ``` }\n\n");
        text.Append("    ingest -> transform, check -> load\n");
        text.Append("}\n");
        return text.ToString();
    }

    public static IReadOnlyList<(string Path, string Text)> InMemory(int count) =>
        Enumerable.Range(0, count).Select(i => ($"gen/wf{i:D5}.flow", Workflow(i))).ToArray();

    /// <summary>Writes <paramref name="count"/> files, one workflow each, into <paramref name="folder"/>.</summary>
    public static void Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++)
            File.WriteAllText(Path.Combine(folder, $"wf{i:D5}.flow"), Workflow(i));
    }
}
