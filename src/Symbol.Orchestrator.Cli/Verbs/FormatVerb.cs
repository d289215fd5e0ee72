using System.CommandLine;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Language.Compilation;
using Symbol.Orchestrator.Language.Formatting;

namespace Symbol.Orchestrator.Cli.Verbs;

/// <summary>
/// <c>format PATH… [--check]</c>: rewrites each <c>.flow</c> file the way <see cref="FlowFormatter"/> formats it (as the
/// editor's Format Document does), or with <c>--check</c> writes nothing and lists the files that would change. Exit 1
/// when a file has a syntax error (it is left alone), cannot be read or written, or, under <c>--check</c>, would change.
/// </summary>
internal static class FormatVerb
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths(".flow files, or folders (every *.flow below them).");
        var check = new Option<bool>("--check") { Description = "Write nothing; list the files that would change, and exit 1 if any would." };
        var command = new Command("format", "Indent .flow files by their braces and tidy their blank lines and trailing spaces, keeping scripts and comments.")
        {
            paths, check,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(paths), parsed.GetValue(check), context));
        return command;
    }

    private static int Run(string[] paths, bool check, CliContext context)
    {
        int changed = 0, unchanged = 0, failed = 0;
        foreach (var file in paths.SelectMany(Files).Distinct(StringComparer.Ordinal))
        {
            var text = SourceFile.Read(file, out var error);
            if (text is null)
            {
                context.Error.WriteLine(TerminalText.Escape($"{file}: {error ?? "no such file or folder"}"));
                failed++;
                continue;
            }
            var formatted = FlowFormatter.Format(text);
            if (formatted == text)
            {
                // Unchanged because it does not parse: say so, rather than pass it as formatted.
                if (FlowFormatter.HasSyntaxErrors(text))
                {
                    context.Error.WriteLine(TerminalText.Escape($"{file}: not formatted: it has syntax errors (orchestrator validate {file} lists them)"));
                    failed++;
                }
                else
                    unchanged++;
                continue;
            }
            if (check)
                context.Out.WriteLine(TerminalText.Escape(file));
            else if (Write(file, formatted, context))
                context.Out.WriteLine(TerminalText.Escape($"formatted {file}"));
            else
            {
                failed++;
                continue;
            }
            changed++;
        }
        var verb = check ? "would be formatted" : "formatted";
        context.Error.WriteLine($"{Plural(changed)} {verb}, {Plural(unchanged)} already formatted{(failed > 0 ? $", {Plural(failed)} with errors" : "")}");
        return failed > 0 || (check && changed > 0) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static bool Write(string file, string text, CliContext context)
    {
        try
        {
            File.WriteAllText(file, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(TerminalText.Escape($"{file}: cannot write the file: {e.Message}"));
            return false;
        }
    }

    // A folder is every *.flow below it, in ordinal order, as validate reads it.
    private static IEnumerable<string> Files(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.flow", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [path];

    private static string Plural(int count) => count == 1 ? "1 file" : $"{count} files";
}
