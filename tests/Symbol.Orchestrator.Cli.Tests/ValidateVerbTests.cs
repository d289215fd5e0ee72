namespace Symbol.Orchestrator.Cli.Tests;

public sealed class ValidateVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CleanFiles_ExitZero_AndListTheirWorkflows()
    {
        _folder.Write("etl.flow", Samples.Etl);
        _folder.Write("reports.flow", Samples.Reports);

        var run = CliRun.Of("validate", _folder.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.True(json.GetProperty("ok").GetBoolean());
        var files = json.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(["etl.flow", "reports.flow"], files.Select(f => Path.GetFileName(f.GetProperty("path").GetString())));
        Assert.All(files, f => Assert.True(f.GetProperty("ok").GetBoolean()));
        Assert.Equal(["etl"], files[0].GetProperty("workflows").Strings());
        Assert.Empty(files[0].GetProperty("errors").EnumerateArray());
        Assert.Empty(files[0].GetProperty("warnings").EnumerateArray());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void AnError_ExitsOne_WithLineColumnAndMessage()
    {
        var broken = _folder.Write("broken.flow", Samples.Broken);
        _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("validate", "--json", _folder.Path);

        Assert.Equal(1, run.ExitCode);
        var json = run.Json();
        Assert.False(json.GetProperty("ok").GetBoolean());
        var file = json.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == broken);
        Assert.False(file.GetProperty("ok").GetBoolean());
        var errors = file.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("message").GetString()!)).ToArray();
        Assert.Collection(errors,
            e => { Assert.Equal((2, 5), (e.Item1, e.Item2)); Assert.Contains("shedule", e.Item3); },
            e => { Assert.Equal((4, 10), (e.Item1, e.Item2)); Assert.Contains("'b'", e.Item3); });
    }

    [Fact]
    public void HumanOutput_PrintsPathLineColumnMessage_AndASummary()
    {
        var broken = _folder.Write("broken.flow", Samples.Broken);

        var run = CliRun.Of("validate", broken);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith($"{broken}:2:5: unknown setting 'shedule'", lines[0]);
        Assert.StartsWith($"{broken}:4:10: ", lines[1]);
        Assert.Equal("1 file, 1 workflow: 2 errors, 0 warnings", lines[^1]);
    }

    [Fact]
    public void Warnings_DoNotFail()
    {
        var once = _folder.Write("once.flow", Samples.PastOneOff);

        var run = CliRun.Of("validate", once, "--json");

        Assert.Equal(0, run.ExitCode);
        var file = run.Json().GetProperty("files")[0];
        Assert.True(file.GetProperty("ok").GetBoolean());
        var warning = Assert.Single(file.GetProperty("warnings").EnumerateArray());
        Assert.Equal(2, warning.GetProperty("line").GetInt32());
        Assert.Contains("past", warning.GetProperty("message").GetString());
    }

    [Fact]
    public void HumanOutput_OfCleanFiles_SaysOk()
    {
        var etl = _folder.Write("etl.flow", Samples.Etl);

        var run = CliRun.Of("validate", etl);

        Assert.Equal((0, "1 file, 1 workflow: ok"), (run.ExitCode, run.Out.Trim()));
    }

    [Fact]
    public void AnErrorInARunFileScript_NamesThatFile()
    {
        var script = _folder.Write("broken.js", "const x = ;\n");
        var flow = _folder.Write("uses.flow", """
            workflow uses {
                job a { run file "broken.js" }
            }
            """);

        var run = CliRun.Of("validate", flow, "--json");

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Json().GetProperty("files")[0].GetProperty("errors").EnumerateArray());
        Assert.Equal(script, error.GetProperty("path").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public void AMissingFile_IsAnError() =>
        Assert.Equal(1, CliRun.Of("validate", Path.Combine(_folder.Path, "missing.flow")).ExitCode);
}
