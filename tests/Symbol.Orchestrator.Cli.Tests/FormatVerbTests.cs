namespace Symbol.Orchestrator.Cli.Tests;

public sealed class FormatVerbTests : IDisposable
{
    private const string Messy = "workflow w {\n\n  job a { run ``` return 1; ``` }   \n}\n\n\n";
    private const string Tidy = "workflow w {\n    job a { run ``` return 1; ``` }\n}\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Format_RewritesTheFilesThatChange_AndLeavesTheOthers()
    {
        var messy = _folder.Write("messy.flow", Messy);
        var tidy = _folder.Write("tidy.flow", Tidy);
        var written = File.GetLastWriteTimeUtc(tidy);

        var run = CliRun.Of("format", _folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"formatted {messy}\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Equal("1 file formatted, 1 file already formatted", run.Error.Trim());
        Assert.Equal(Tidy, File.ReadAllText(messy));
        Assert.Equal(written, File.GetLastWriteTimeUtc(tidy));
    }

    [Fact]
    public void Check_WritesNothing_ListsWhatWouldChange_AndExitsOne()
    {
        var messy = _folder.Write("messy.flow", Messy);
        _folder.Write("tidy.flow", Tidy);

        var run = CliRun.Of("format", "--check", _folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{messy}\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Equal(Messy, File.ReadAllText(messy));
        Assert.Equal(0, CliRun.Of("format", "--check", _folder.File("tidy.flow")).ExitCode);
    }

    [Fact]
    public void AFileWithASyntaxError_IsLeftAlone_AndExitsOne()
    {
        const string broken = "workflow w {\n      job a { retires 2 run ``` return 1; ``` }\n}\n";
        var path = _folder.Write("broken.flow", broken);
        _folder.Write("messy.flow", Messy);

        var run = CliRun.Of("format", _folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}: not formatted: it has syntax errors", run.Error, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllText(path));
        Assert.Equal(Tidy, File.ReadAllText(_folder.File("messy.flow")));
    }

    [Fact]
    public void AMissingFile_IsAnError()
    {
        var run = CliRun.Of("format", _folder.File("nope.flow"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.flow: no such file or folder", run.Error, StringComparison.Ordinal);
    }
}
