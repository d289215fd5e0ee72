namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// The error path of every rule: each bad input yields the listed diagnostics, at the offending token,
/// saying what was expected and what was found. Inputs are one-liners; <c>⏎</c> stands for a newline.
/// </summary>
public sealed class GrammarErrorTests
{
    private const string Job = "job a { run ``` return 1; ``` }";

    [Theory]
    // file = { workflow }
    [InlineData("job a { }", "1:1: expected 'workflow', found 'job'")]
    [InlineData("}", "1:1: expected 'workflow', found '}'")]
    [InlineData("workflow", "1:9: expected a workflow name, found end of file")]
    [InlineData("workflow 1w { }", "1:10: expected a workflow name, found '1w'")]
    [InlineData("workflow w", "1:11: expected '{', found end of file")]
    [InlineData("workflow w {", "1:13: expected '}' to close workflow 'w' opened at 1:12, found end of file")]
    [InlineData("workflow w { " + Job + " ⏎workflow v { " + Job + " }", "2:1: expected '}' to close workflow 'w' opened at 1:12, found 'workflow'")]
    // statements
    [InlineData("workflow w { 42 }", "1:14: expected a setting, a job, a handler or edges (a -> b), found '42'")]
    [InlineData("workflow w { \"x\" }", "1:14: expected a setting, a job, a handler or edges (a -> b), found string \"x\"")]
    [InlineData("workflow w { retires 2 }", "1:14: unknown setting 'retires' (did you mean 'retries'?)")]
    [InlineData("workflow w { shedule every 1m }", "1:14: unknown setting 'shedule' (did you mean 'schedule'?)")]
    [InlineData("workflow w { run ``` 1 ``` }", "1:14: 'run' belongs inside a job: job NAME { run ``` … ``` }")]
    // schedule
    [InlineData("workflow w { schedule }", "1:23: expected 'cron', 'at', 'every' or a string, found '}'")]
    [InlineData("workflow w { schedule cron 5 }", "1:28: expected a string, found '5'")]
    [InlineData("workflow w { schedule at }", "1:26: expected a string, found '}'")]
    [InlineData("workflow w { schedule every \"1m\" }", "1:29: expected a duration such as 250ms, 30s or 1h30m, found string \"1m\"")]
    // a malformed token is reported as itself, at the token, whichever alternative it stands in
    [InlineData("workflow w { schedule \"0 2 * * }", "1:23: unterminated string: no closing '\"' on this line")]
    [InlineData("workflow w { schedule \"0 2 \\q\" }", "1:28: invalid escape '\\q' in string: use \\\", \\\\, \\n, \\t or \\uXXXX")]
    [InlineData("workflow w { schedule every 5x }", "1:29: malformed duration '5x': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m")]
    [InlineData("workflow w { params {\"a\": {}", "1:21: unterminated JSON object: no '}' closes this '{'")]
    [InlineData("workflow w { concurrency 99999999999 }", "1:26: number 99999999999 is too large")]
    // settings
    [InlineData("workflow w { timezone Europe }", "1:23: expected a string, found 'Europe'")]
    [InlineData("workflow w { catchup }", "1:22: expected 'none', 'latest' or 'all', found '}'")]
    [InlineData("workflow w { catchup all within }", "1:33: expected a duration such as 250ms, 30s or 1h30m, found '}'")]
    [InlineData("workflow w { concurrency -1 }", "1:26: expected a whole number, found '-'")]
    [InlineData("workflow w { overlap }", "1:22: expected 'skip' or 'queue', found '}'")]
    [InlineData("workflow w { overlap queue max }", "1:32: expected a whole number, found '}'")]
    [InlineData("workflow w { overlap queue max ten }", "1:32: expected a whole number, found 'ten'")]
    [InlineData("workflow w { overlap queue max -1 }", "1:32: expected a whole number, found '-'")]
    [InlineData("workflow w { overlap skip max 3 }", "1:27: unknown setting 'max'")]
    [InlineData("workflow w { params }", "1:21: expected a JSON object { … }, found '}'")]
    [InlineData("workflow w { use \"x.js\" }", "1:18: expected 'file', found string \"x.js\"")]
    [InlineData("workflow w { use file }", "1:23: expected a string, found '}'")]
    [InlineData("workflow w { retries }", "1:22: expected a whole number, found '}'")]
    [InlineData("workflow w { retries 2 backoff }", "1:32: expected a duration such as 250ms, 30s or 1h30m, found '}'")]
    [InlineData("workflow w { timeout soon }", "1:22: expected a duration such as 250ms, 30s or 1h30m, found 'soon'")]
    // job
    [InlineData("workflow w { job { } }", "1:18: expected a job name, found '{'")]
    [InlineData("workflow w { job a run ``` 1 ``` }", "1:20: expected '{', found 'run'")]
    [InlineData("workflow w { job a { run } }", "1:26: expected a script block ```…``` or 'file', found '}'")]
    [InlineData("workflow w { job a { run file } }", "1:31: expected a string, found '}'")]
    [InlineData("workflow w { job a { catchup none run ``` 1 ``` } }", "1:22: 'catchup' is a workflow setting and cannot be set on a job")]
    [InlineData("workflow w { job a { 7 } }", "1:22: expected 'retries', 'timeout' or 'run', found '7'")]
    [InlineData("workflow w { job a { run ``` 1 ``` ⏎ job b { run ``` 2 ``` } }", "2:2: expected '}' to close job 'a' opened at 1:20, found 'job'")]
    // a statement over several lines (its tokens are read on a cursor that counts the newlines it skips)
    [InlineData("workflow w {⏎  schedule⏎    # every weekday⏎    cron⏎      5⏎}", "5:7: expected a string, found '5'")]
    [InlineData("workflow w {⏎  retries 3 backoff⏎  // short⏎     10x }", "4:6: malformed duration '10x': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m")]
    [InlineData("workflow w { job a { run ```⏎return 1;⏎``` retries⏎  \"2\" } }", "4:3: expected a whole number, found string \"2\"")]
    [InlineData("workflow w {⏎  catchup⏎⏎   sometimes }", "4:4: expected 'none', 'latest' or 'all', found 'sometimes'")]
    // edges
    [InlineData("workflow w { " + Job + " a -> }", "1:51: expected a job name, found '}'")]
    [InlineData("workflow w { " + Job + " a, }", "1:49: expected a job name, found '}'")]
    [InlineData("workflow w { " + Job + " a, a }", "1:51: expected '->', found '}'")]
    [InlineData("workflow w { " + Job + " a -> -> a }", "1:51: expected a job name, found '->'")]
    [InlineData("workflow w { " + Job + " a, a - a }", "1:51: expected '->', found '-'")]
    public void BadInput_IsReportedAtTheOffendingToken(string text, string expected)
    {
        var lines = Compile.Lines(text.Replace("⏎", "\n"));
        Assert.Equal(expected, lines.First());
    }

    [Fact]
    public void EveryMistakeInAFile_IsReported_NotJustTheFirst()
    {
        const string text = """
            workflow w {
                retires 2
                schedule cron 5
                job a { run ``` return 1; ``` timout 5s }
                job b { run ``` return 2; ``` }
                a -> c
            }
            """;
        Assert.Equal(
            [
                "2:5: unknown setting 'retires' (did you mean 'retries'?)",
                "3:19: expected a string, found '5'",
                "4:35: unknown setting 'timout' (did you mean 'timeout'?)",
                "6:10: edge names unknown job 'c' in workflow 'w'",
            ],
            Compile.Lines(text));
    }

    [Fact]
    public void ScriptErrors_LandOnTheFlowLineAndColumn()
    {
        const string text = "workflow w {\n  job a {\n    run ```\n      const x = 1;\n      return x +* 2;\n    ```\n  }\n}";
        Assert.Equal(["5:17: JavaScript syntax error: Unexpected token '*'"], Compile.Lines(text));
    }

    [Fact]
    public void ScriptErrors_InRunFiles_LandOnTheJsFile()
    {
        var files = new Dictionary<string, string> { ["jobs/a.js"] = "const x = 1;\nreturn x +* 2;\n" };
        var result = Compile.Text("workflow w { job a { run file \"jobs/a.js\" } }", files);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((Path.Combine("jobs", "a.js"), 2, 11), (error.Position.Path, error.Position.Line, error.Position.Column));
    }
}
