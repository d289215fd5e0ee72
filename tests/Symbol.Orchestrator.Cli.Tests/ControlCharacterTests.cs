using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// Control characters from scripts and files are shown escaped in human output (<c>\n</c>, <c>\u001b</c>), so they
/// neither forge lines nor move the cursor or clear the screen; --json documents keep the text as it was.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    // A newline that forges a line, a C1 CSI (U+009B) and an ESC sequence that clears the screen.
    private const string Flow = """
        workflow hostile {
            job a { run ``` log("one\ntwo\u001b[2J"); log("three"); throw new Error("bad\n12:00:00 info: forged\u009b2J\u001b[2J"); ``` }
        }
        """;

    private const string EscapedError = @"Error: bad\n12:00:00 info: forged\u009b2J\u001b[2J";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CliRun Verb(params string[] args) => CliRun.Of([.. args, "--state", Path.Combine(_folder.Path, "state.db")]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // Only the line ends are control characters.
    private static void AssertNoControlCharacters(string text) =>
        Assert.DoesNotContain(text.Replace("\n", ""), char.IsControl);

    [Fact]
    public void TriggerAndShowPrintAScriptErrorOnOneEscapedLineAndEachLogLineOnItsOwn()
    {
        var flow = _folder.Write("hostile.flow", Flow);

        var trigger = Verb("trigger", flow, "--data", Path.Combine(_folder.Path, "data"));
        var runId = Lines(trigger.Out).Last().Split(' ')[1];
        var show = Verb("show", runId);

        AssertNoControlCharacters(trigger.Out + trigger.Error + show.Out + show.Error);
        Assert.Equal(2, Lines(trigger.Out).Length);
        Assert.Matches(@"^a\s+failed\s+1 attempt\s+ran \S+\s+" + Regex.Escape(EscapedError), Lines(trigger.Out)[0]);
        var attempt = Assert.Single(Lines(show.Out), l => l.StartsWith("    attempt 1: failed", StringComparison.Ordinal));
        Assert.Contains(": " + EscapedError, attempt);
        Assert.Equal([@"      | one\ntwo\u001b[2J", "      | three"], Lines(show.Out).Where(l => l.StartsWith("      |", StringComparison.Ordinal)));
    }

    [Fact]
    public void JsonKeepsTheErrorAndLogTextAsTheScriptWroteIt()
    {
        var flow = _folder.Write("hostile.flow", Flow);

        var job = Verb("trigger", flow, "--json", "--data", Path.Combine(_folder.Path, "data")).Json().GetProperty("jobs")[0];

        Assert.StartsWith("Error: bad\n12:00:00 info: forged\u009b2J\e[2J", job.GetProperty("error").GetString());
        Assert.Equal(["one\ntwo\e[2J", "three"], job.GetProperty("logs").Strings());
    }

    [Fact]
    public void ValidateAndPreviewEscapeWhatTheirMessagesQuoteFromAFileAndItsName()
    {
        // A real ESC in the file (not the \u001b escape, which the message would quote as written) and in its name.
        var bad = _folder.Write("bad.flow", "workflow v {\n    timezone \"a\e[2Jb\"\n    job a { run ``` return 1; ``` }\n}\n");
        var good = _folder.Write("good\e[2J.flow", "workflow g {\n    job a { run ``` return 1; ``` }\n}\n");

        var validate = CliRun.Of("validate", bad);
        var json = CliRun.Of("validate", bad, "--json");
        var preview = CliRun.Of("preview", good);

        AssertNoControlCharacters(validate.Out + validate.Error + preview.Out + preview.Error);
        Assert.Equal(bad + @":2:14: unknown time zone ""a\u001b[2Jb""", Lines(validate.Out)[0]);
        Assert.Equal("unknown time zone \"a\e[2Jb\"", json.Json().GetProperty("files")[0].GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.StartsWith(@"workflow g  (" + good.Replace("\e", @"\u001b") + ":1:10)", preview.Out);
    }

    [Fact]
    public void AnUnknownVerbIsEchoedEscaped()
    {
        var run = CliRun.Of("\e[2J");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(@"error: unknown verb '\u001b[2J'", run.Error);
        AssertNoControlCharacters(run.Error);
    }
}
