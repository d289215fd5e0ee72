namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>docs/cli.md: a usage error exits 2 with a short message on stderr (System.CommandLine alone would exit 1).</summary>
public class UsageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("validate")]
    [InlineData("preview")]
    [InlineData("validate x.flow --nope")]
    [InlineData("preview x.flow --count many")]
    [InlineData("preview x.flow --count -3")]
    [InlineData("preview x.flow --from tomorrow")]
    [InlineData("preview x.flow --until 2027-13-01")]
    [InlineData("preview x.flow --down-since 2027-02-30T00:00")]
    [InlineData("graph x.flow --format png")]
    [InlineData("graph x.flow y.flow --json")]
    public void ABadCommandLine_ExitsTwo_WithAUsageLine(string line)
    {
        var run = CliRun.Of(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("usage: orchestrator", run.Error);
    }

    [Theory]
    [InlineData("", "error: no verb given")]
    [InlineData("preveiw etl.flow", "error: unknown verb 'preveiw' (did you mean 'preview'?)")]
    [InlineData("valdate etl.flow", "error: unknown verb 'valdate' (did you mean 'validate'?)")]
    [InlineData("frobnicate", "error: unknown verb 'frobnicate'")]
    public void AnUnknownVerb_IsNamedOnce(string line, string expected)
    {
        var run = CliRun.Of(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Split('\n')[0].TrimEnd('\r'));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("preview --help")]
    public void Help_ExitsZero(string line)
    {
        var run = CliRun.Of(line.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }
}
