using System.Text;

namespace Symbol.Orchestrator.Lsp.Benchmarks;

/// <summary>
/// A realistic workflows folder: one file of about 1,000 lines (40 workflows of schedules, settings, three jobs with
/// scripts and edges) being edited, and <c>others</c> files beside it of four workflows each, all names unique.
/// </summary>
internal static class FlowFolder
{
    public const int WorkflowsInEdited = 40;

    public static string Create(int others)
    {
        var folder = Directory.CreateTempSubdirectory("lsp-bench-").FullName;
        File.WriteAllText(Path.Combine(folder, "edited.flow"), Text(0, WorkflowsInEdited));
        for (int k = 1; k <= others; k++)
            File.WriteAllText(Path.Combine(folder, $"other-{k:D4}.flow"), Text(k, 4));
        return folder;
    }

    public static string EditedPath(string folder) => Path.Combine(folder, "edited.flow");

    /// <summary>The 0-based line of the last edge of the edited file (<c>    extract -> load</c>), which the harness rewrites.</summary>
    public static int LastEdgeLine(string text) => text.Split('\n').ToList().FindLastIndex(l => l.Contains(" -> load", StringComparison.Ordinal));

    private static string Text(int file, int workflows)
    {
        var text = new StringBuilder();
        for (int w = 0; w < workflows; w++)
        {
            var name = $"f{file}_w{w}";
            text.Append($$"""
                # {{name}}: extract, then transform and check side by side, then load.
                workflow {{name}} {
                    schedule cron "{{w % 60}} 2 * * *"
                    timezone "Europe/Paris"
                    catchup latest
                    concurrency 1
                    retries 2 backoff 10s
                    timeout 5m

                    job extract {
                        run ```
                            const rows = [{ id: 1 }, { id: 2 }];
                            return { rows };
                        ```
                    }
                    job transform {
                        run ```
                            return { rows: inputs.extract.rows.map(r => ({ ...r, ok: true })) };
                        ```
                    }
                    job load {
                        run ```return { loaded: inputs.transform.rows.length };```
                    }
                    extract -> transform -> load
                }

                """);
        }
        return text.ToString().ReplaceLineEndings("\n");
    }
}
