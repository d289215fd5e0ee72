using System.Globalization;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>The generated workflows: one per file, one trivial job each, named <c>w0000</c>… so the store and the log can be matched.</summary>
internal static class Corpus
{
    public const string EverySecond = "* * * * * *";

    public static string Name(int i) => $"w{i.ToString("D4", CultureInfo.InvariantCulture)}";

    public static string FileOf(string workflows, int i) => Path.Combine(workflows, Name(i) + ".flow");

    public static string Flow(string name, string cron) => $$"""
        workflow {{name}} {
            schedule cron "{{cron}}"
            job noop { run ``` return 1; ``` }
        }

        """;

    public static void Write(string workflows, int count, string cron)
    {
        for (var i = 0; i < count; i++)
            File.WriteAllText(FileOf(workflows, i), Flow(Name(i), cron));
    }
}
