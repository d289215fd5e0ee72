using System.Text;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>Realistic .flow text: workflows with settings, a handful of jobs with multi-line scripts, and fan-out/fan-in edges.</summary>
internal static class FlowTextGenerator
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"];
    private static readonly string[] Crons = ["0 2 * * *", "*/15 * * * *", "0 9 * * MON-FRI", "30 6 1 * *"];

    public static string Workflow(int n)
    {
        var text = new StringBuilder();
        text.Append("# Generated workflow ").Append(n).Append(": extract, fan out to transforms, fan in to load.\n");
        text.Append("workflow wf_").Append(n).Append(" {\n");
        text.Append("    schedule cron \"").Append(Crons[n % Crons.Length]).Append("\"\n");
        if (n % 3 == 0)
            text.Append("    schedule every 1h30m\n");
        text.Append("    timezone \"").Append(Zones[n % Zones.Length]).Append("\"\n");
        text.Append("    catchup all within 6h\n    concurrency 2\n    overlap queue\n");
        text.Append("    params { \"region\": \"eu-").Append(n % 5).Append("\", \"batch\": ").Append(100 + n % 900).Append(", \"tags\": [\"a\", \"b\"] }\n");
        text.Append("    retries 2 backoff 10s exponential   // default for the jobs below\n    timeout 5m\n\n");
        int transforms = 2 + n % 3;
        text.Append("""
                job extract {
                    timeout 2m
                    run ```
                        const rows = [];
                        for (let i = 0; i < params.batch; i++) rows.push({ id: i, amount: (i * 7) % 13 });
                        log(`extracted ${rows.length} rows for ${params.region}`);
                        return { rows, at: run.scheduledAt };
                    ```
                }

            """);
        for (int t = 0; t < transforms; t++)
        {
            text.Append("    job transform_").Append(t).Append(" {\n        retries ").Append(t).Append("\n        run ```\n");
            text.Append("""
                        const rows = inputs.extract.rows.filter(r => r.id % 
            """).Append(t + 2).Append("""
             === 0);
                        const total = rows.reduce((sum, r) => sum + r.amount, 0);
                        if (total < 0) throw new Error("negative total");
                        return { count: rows.length, total };
                    ```
                }

            """);
        }
        text.Append("""
                job load {
                    run ```
                        const parts = Object.keys(inputs).map(k => inputs[k].total ?? 0);
                        return parts.reduce((a, b) => a + b, 0);
                    ```
                }

            """);
        text.Append("    extract -> ");
        text.Append(string.Join(", ", Enumerable.Range(0, transforms).Select(t => "transform_" + t)));
        text.Append(" -> load\n}\n\n");
        return text.ToString();
    }

    /// <summary>Workflows until the text reaches <paramref name="bytes"/>.</summary>
    public static string File(int bytes, int first = 0)
    {
        var text = new StringBuilder(bytes + 4096);
        for (int n = first; text.Length < bytes; n++)
            text.Append(Workflow(n));
        return text.ToString();
    }
}
