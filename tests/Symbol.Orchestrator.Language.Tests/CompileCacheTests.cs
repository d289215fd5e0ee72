namespace Symbol.Orchestrator.Language.Tests;

/// <summary>
/// <see cref="FlowCompileCache"/>: a host recompiling its folder gets the same definitions back for the files
/// that did not change, and a fresh compile, with the same diagnostics a compile without a cache gives, for those that did.
/// </summary>
public sealed class CompileCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FlowCompileCache _cache = new();

    public void Dispose() => _folder.Dispose();

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.Path, name), text);

    private FlowCompilation Compile(DateTimeOffset? now = null, TimeZoneInfo? zone = null) =>
        FlowCompiler.Compile([_folder.Path], new CompileOptions(zone ?? TimeZoneInfo.Utc, now ?? Now), _cache);

    private FlowCompilation CompileWithoutCache(DateTimeOffset? now = null) =>
        FlowCompiler.Compile([_folder.Path], new CompileOptions(TimeZoneInfo.Utc, now ?? Now));

    private static WorkflowDefinition Workflow(FlowCompilation compilation, string name) =>
        compilation.FindWorkflow(name) ?? throw new Xunit.Sdk.XunitException($"no workflow {name}");

    [Fact]
    public void AnUnchangedFolderGivesBackTheSameDefinitionsAndAChangedFileOnlyItsOwnNewOnes()
    {
        Write("a.flow", "workflow a { schedule every 1m job x { run ``` return 1; ``` } }");
        Write("b.flow", "workflow b { schedule every 2m job x { run ``` return 2; ``` } }");
        var first = Compile();

        var second = Compile();
        Assert.Same(Workflow(first, "a"), Workflow(second, "a"));
        Assert.Same(Workflow(first, "b"), Workflow(second, "b"));

        Write("b.flow", "workflow b { schedule every 3m job x { run ``` return 2; ``` } }");
        var third = Compile();
        Assert.Same(Workflow(first, "a"), Workflow(third, "a"));
        Assert.NotSame(Workflow(first, "b"), Workflow(third, "b"));
        Assert.Equal("every 3m", Assert.Single(Workflow(third, "b").Schedules).Text);
        Assert.Equal(2, _cache.Count);
    }

    [Fact]
    public void AChangedScriptFileRecompilesTheFilesThatUseItAndReportsItsNewSyntaxError()
    {
        Write("helpers.js", "function twice(x) { return 2 * x; }");
        Write("a.flow", "workflow a { use file \"helpers.js\" job x { run ``` return twice(1); ``` } }");
        Write("b.flow", "workflow b { job x { run ``` return 2; ``` } }");
        var first = Compile();
        Assert.False(first.HasErrors);

        Write("helpers.js", "function twice(x) { return 2 * ; }");
        var second = Compile();

        Assert.Same(Workflow(first, "b"), Workflow(second, "b"));
        Assert.Equal(CompileWithoutCache().Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(second.Diagnostics, d => d.IsError && d.Position.Path.EndsWith("helpers.js", StringComparison.Ordinal));
    }

    [Fact]
    public void ADuplicateNameIsReportedOnTheLaterFileEvenWhenBothFilesComeFromTheCache()
    {
        Write("a.flow", "workflow same { job x { run ``` return 1; ``` } }");
        Write("b.flow", "workflow other { job x { run ``` return 1; ``` } }");
        Compile();
        Write("b.flow", "workflow same { job x { run ``` return 1; ``` } }");
        Compile();

        var again = Compile(); // both files unchanged since the last compile: both from the cache

        var b = Assert.Single(again.Files, f => f.Path.EndsWith("b.flow", StringComparison.Ordinal));
        Assert.Contains(b.Diagnostics, d => d.Message.StartsWith("duplicate workflow 'same'", StringComparison.Ordinal));
        Assert.Equal(CompileWithoutCache().Diagnostics.Select(d => d.ToString()), again.Diagnostics.Select(d => d.ToString()));
        Assert.Single(again.Workflows);
    }

    [Fact]
    public void ADeletedFileLeavesTheCacheAndItsWorkflowsTheCompilation()
    {
        Write("a.flow", "workflow a { job x { run ``` return 1; ``` } }");
        Write("b.flow", "workflow b { job x { run ``` return 1; ``` } }");
        Compile();
        File.Delete(Path.Combine(_folder.Path, "b.flow"));

        var after = Compile();

        Assert.Equal(["a"], after.Workflows.Select(w => w.Name));
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void AOneOffThatHasPassedSinceTheFileWasCachedIsWarnedAboutAsAFreshCompileWould()
    {
        Write("a.flow", "workflow a { schedule at \"2026-11-27T13:00:00Z\" job x { run ``` return 1; ``` } }");
        Assert.Empty(Compile().Diagnostics);

        var later = Now.AddHours(2);
        var after = Compile(later);

        var warning = Assert.Single(after.Diagnostics);
        Assert.Contains("in the past", warning.Message);
        Assert.Equal(CompileWithoutCache(later).Diagnostics.Select(d => d.ToString()), after.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void ADifferentDefaultTimeZoneCompilesAgain()
    {
        Write("a.flow", "workflow a { schedule cron \"0 9 * * *\" job x { run ``` return 1; ``` } }");
        var utc = Compile();

        var berlin = Compile(zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.NotSame(Workflow(utc, "a"), Workflow(berlin, "a"));
        Assert.Equal("Europe/Berlin", Workflow(berlin, "a").TimeZone.Id);
    }
}
