namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// An empty argument ('' from a shell variable that was not set) is a usage error naming the argument, in one line,
/// never an ArgumentException's "(Parameter 'runId')".
/// </summary>
public sealed class BlankArgumentTests : IDisposable
{
    private const string Flow = """
        workflow w {
            job a { run ``` return 1; ``` }
            job b { run ``` throw new Error("no"); ``` }
            a -> b
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CliRun Verb(params string[] args) =>
        CliRun.Of([.. args.Select(a => a.Replace("FLOW", Path.Combine(_folder.Path, "w.flow"))), "--state", Path.Combine(_folder.Path, "state.db")]);

    [Theory]
    [InlineData("RUN_ID must not be empty", "retry", "")]
    [InlineData("RUN_ID must not be blank, found ' '", "retry", " ")]
    [InlineData("RUN_ID must not be empty", "show", "")]
    [InlineData("RUN_ID must not be blank, found '\t'", "show", "\t")]
    [InlineData("--job must not be empty", "retry", "w@x", "--job", "")]
    [InlineData("PATH must not be empty", "trigger", "")]
    [InlineData("--workflow must not be empty", "trigger", "FLOW", "--workflow", "")]
    [InlineData("--param '' must be k=v with a name for k", "trigger", "FLOW", "--param", "")]
    [InlineData("--param '=x' must be k=v with a name for k", "trigger", "FLOW", "--param", "=x")]
    [InlineData("--param ' =x' must be k=v with a name for k", "trigger", "FLOW", "--param", " =x")]
    public void AnEmptyArgumentToARunVerbIsAUsageErrorNamingIt(string message, params string[] args)
    {
        _folder.Write("w.flow", Flow);

        var run = Verb(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message.Replace("\t", @"\t")}", run.Error.Split('\n')[0]);
        Assert.DoesNotContain("(Parameter", run.Error);
    }

    [Theory]
    [InlineData("PATH must not be empty", "validate", "")]
    [InlineData("PATH must not be empty", "preview", "")]
    [InlineData("PATH must not be empty", "graph", "")]
    [InlineData("PATH must not be empty", "validate", "FLOW", "")]
    [InlineData("--workflow must not be empty", "preview", "FLOW", "--workflow", "")]
    [InlineData("--workflow must not be blank, found ' '", "graph", "FLOW", "--workflow", " ")]
    public void AnEmptyArgumentToAFileVerbIsAUsageErrorNamingIt(string message, params string[] args)
    {
        var run = CliRun.Of(args.Select(a => a.Replace("FLOW", _folder.Write("w.flow", Flow))).ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message}", run.Error.Split('\n')[0]);
        Assert.DoesNotContain("(Parameter", run.Error);
    }

    [Fact]
    public void RetryOfAJobTheRunDoesNotHaveNamesItWithoutAParameterName()
    {
        var flow = _folder.Write("w.flow", Flow);
        var runId = Verb("trigger", flow, "--json", "--data", Path.Combine(_folder.Path, "data")).Json().GetProperty("runId").GetString()!;

        var retry = Verb("retry", runId, "--job", "c", "--data", Path.Combine(_folder.Path, "data"));

        Assert.Equal(1, retry.ExitCode);
        Assert.Equal("error: Workflow 'w' has no job 'c' (its jobs: a, b).", retry.Error.TrimEnd());
    }
}
