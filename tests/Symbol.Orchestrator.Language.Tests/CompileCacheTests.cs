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
    public void An_unchanged_folder_gives_back_the_same_definitions_and_a_changed_file_only_its_own_new_ones()
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
    public void A_changed_script_file_recompiles_the_files_that_use_it_and_reports_its_new_syntax_error()
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
    public void A_duplicate_name_is_reported_on_the_later_file_even_when_both_files_come_from_the_cache()
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
    public void A_deleted_file_leaves_the_cache_and_its_workflows_the_compilation()
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
    public void A_one_off_that_has_passed_since_the_file_was_cached_is_warned_about_as_a_fresh_compile_would()
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
    public void A_different_default_time_zone_compiles_again()
    {
        Write("a.flow", "workflow a { schedule cron \"0 9 * * *\" job x { run ``` return 1; ``` } }");
        var utc = Compile();

        var berlin = Compile(zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.NotSame(Workflow(utc, "a"), Workflow(berlin, "a"));
        Assert.Equal("Europe/Berlin", Workflow(berlin, "a").TimeZone.Id);
    }
}
