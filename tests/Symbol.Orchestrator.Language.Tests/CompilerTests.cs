using Symbol.Scheduling;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>What a clean file compiles to: defaults, overrides, schedules in the workflow's zone, edges.</summary>
public sealed class CompilerTests
{
    private const string Job = "job a { run ``` return 1; ``` }";

    [Fact]
    public void Defaults_AreLatestCatchup_OneAtATime_Skip_EmptyParams_NoRetries()
    {
        var w = Compile.Single("workflow w { " + Job + " }");
        Assert.Equal(CatchupPolicy.Default, w.Catchup);
        Assert.Equal(1, w.Concurrency);
        Assert.Equal(OverlapPolicy.Skip, w.Overlap);
        Assert.Equal("{}", w.ParamsJson);
        Assert.Equal(RetryPolicy.None, w.Jobs[0].Retry);
        Assert.Null(w.Jobs[0].Timeout);
        Assert.Empty(w.Schedules);
        Assert.Null(w.Schedule);
        Assert.Same(TimeZoneInfo.Utc, w.TimeZone);
    }

    [Fact]
    public void DefaultTimeZone_ComesFromOptions_WhenTheWorkflowHasNone()
    {
        var berlin = TimeZones.Find("Europe/Berlin");
        var result = FlowCompiler.CompileSources([("a.flow", "workflow w { " + Job + " }")], new CompileOptions(berlin, Compile.Now), _ => null);
        Assert.Same(berlin, result.Workflows[0].TimeZone);
    }

    [Theory]
    [InlineData("catchup none", CatchupMode.None, null)]
    [InlineData("catchup latest", CatchupMode.Latest, null)]
    [InlineData("catchup all", CatchupMode.All, null)]
    [InlineData("catchup all within 6h", CatchupMode.All, 360)]
    [InlineData("catchup latest within 90m", CatchupMode.Latest, 90)]
    public void Catchup_IsReadWithItsWindow(string setting, CatchupMode mode, int? withinMinutes)
    {
        var w = Compile.Single($"workflow w {{ {setting} {Job} }}");
        Assert.Equal(new CatchupPolicy(mode, withinMinutes is { } m ? TimeSpan.FromMinutes(m) : null), w.Catchup);
    }

    [Theory]
    [InlineData("concurrency 4 overlap queue", 4, OverlapPolicy.Queue)]
    [InlineData("overlap skip concurrency 2", 2, OverlapPolicy.Skip)]
    public void ConcurrencyAndOverlap_AreRead(string settings, int concurrency, OverlapPolicy overlap)
    {
        var w = Compile.Single($"workflow w {{ {settings} {Job} }}");
        Assert.Equal((concurrency, overlap), (w.Concurrency, w.Overlap));
    }

    [Theory]
    [InlineData("overlap queue", 10)]
    [InlineData("overlap queue max 3", 3)]
    [InlineData("overlap queue max 1 concurrency 2", 1)]
    [InlineData("overlap queue max 10000", 10_000)]
    public void QueueMax_IsReadWithADefaultOfTen(string settings, int queueMax)
    {
        var w = Compile.Single($"workflow w {{ {settings} {Job} }}");
        Assert.Equal((OverlapPolicy.Queue, queueMax), (w.Overlap, w.QueueMax));
    }

    [Theory]
    [InlineData("overlap queue max 0", "1:32: 'overlap queue max' must be from 1 to 10,000, found 0")]
    [InlineData("overlap queue max 10001", "1:32: 'overlap queue max' must be from 1 to 10,000, found 10001")]
    public void QueueMax_OutOfRange_IsAnErrorAtTheNumber(string settings, string error) =>
        Assert.Equal([error], Compile.Lines($"workflow w {{ {settings} {Job} }}"));

    [Fact]
    public void AJobNamedMaxInEdgesAfterOverlapQueueIsAnEdge()
    {
        var w = Compile.Single("workflow w { overlap queue max -> a  job max { run ``` 1 ``` } " + Job + " }");
        Assert.Equal(10, w.QueueMax);
        Assert.Equal(["max"], w.FindJob("a")!.Upstream);
    }

    [Fact]
    public void JobSettingsAtWorkflowLevel_AreDefaults_ThatAJobOverrides()
    {
        var w = Compile.Single("""
            workflow w {
                retries 3 backoff 10s exponential
                timeout 5m
                job inherits { run ``` 1 ``` }
                job overrides { retries 0 timeout 30s run ``` 1 ``` }
                job partly { timeout 1h run ``` 1 ``` }
            }
            """);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(10), true), w.FindJob("inherits")!.Retry);
        Assert.Equal(TimeSpan.FromMinutes(5), w.FindJob("inherits")!.Timeout);
        Assert.Equal(new RetryPolicy(0, TimeSpan.Zero, false), w.FindJob("overrides")!.Retry);
        Assert.Equal(TimeSpan.FromSeconds(30), w.FindJob("overrides")!.Timeout);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(10), true), w.FindJob("partly")!.Retry);
        Assert.Equal(TimeSpan.FromHours(1), w.FindJob("partly")!.Timeout);
    }

    [Theory]
    [InlineData("a -> b", "b<a")]
    [InlineData("a → b", "b<a")]
    [InlineData("a -> b -> c", "b<a c<b")]
    [InlineData("a -> b, c -> d", "b<a c<a d<b,c")]
    [InlineData("a, b -> c, d;", "c<a,b d<a,b")]
    [InlineData("a -> b; a -> b; b -> c", "b<a c<b")]
    public void Edges_ExpandNameLists(string edges, string upstream)
    {
        var w = Compile.Single($"workflow w {{ {JobsNamed("a", "b", "c", "d")} {edges} }}");
        var actual = string.Join(" ", w.Jobs.Where(j => j.Upstream.Count > 0).Select(j => $"{j.Name}<{string.Join(",", j.Upstream)}"));
        Assert.Equal(upstream, actual);
    }

    [Fact]
    public void Edges_KeepTheirPosition_AtTheArrow()
    {
        var w = Compile.Single("workflow w {\n" + JobsNamed("a", "b") + "\n  a -> b\n}");
        Assert.Equal(new SourcePosition("test.flow", 3, 5), Assert.Single(w.Edges).Position);
    }

    [Fact]
    public void Schedules_AreComputedInTheWorkflowZone()
    {
        var w = Compile.Single("""
            workflow w {
                schedule cron "30 2 * * *"
                schedule at "2026-12-24T18:00"
                timezone "Europe/Berlin"
                job a { run ``` 1 ``` }
            }
            """);
        Assert.Equal(["cron \"30 2 * * *\"", "at \"2026-12-24T18:00\""], w.Schedules.Select(s => s.Text));
        // 2026-06-02 02:30 in Berlin (CEST, +02:00) is 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 30, 0, TimeSpan.Zero), w.Schedules[0].Schedule.NextAfter(Compile.Now));
        // "at" without an offset is read in the workflow's zone: 18:00 CET is 17:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.Zero), w.Schedules[1].Schedule.NextAfter(Compile.Now));
    }

    [Theory]
    [InlineData("\"2026-12-24T18:00:00Z\"", typeof(OneOffSchedule))]
    [InlineData("\"2026-12-24\"", typeof(OneOffSchedule))]
    [InlineData("\"0 9 * * MON\"", typeof(CronSchedule))]
    [InlineData("\"@daily\"", typeof(CronSchedule))]
    [InlineData("\"0 0 9 * * *\"", typeof(CronSchedule))]
    [InlineData("every 15m", typeof(IntervalSchedule))]
    public void BareStrings_AreInstantsWhenTheyReadAsIso8601_ElseCron(string schedule, Type kind)
    {
        var w = Compile.Single($"workflow w {{ schedule {schedule} {Job} }}");
        Assert.IsType(kind, Assert.Single(w.Schedules).Schedule);
    }

    [Fact]
    public void SeveralSchedules_FireOnTheirUnion()
    {
        var w = Compile.Single($"workflow w {{ schedule every 30m schedule cron \"0 * * * *\" {Job} }}");
        var fires = w.Schedule!.Between(Compile.Now, Compile.Now.AddHours(1)).ToList();
        Assert.Equal([Compile.Now.AddMinutes(30), Compile.Now.AddHours(1)], fires);
    }

    [Fact]
    public void OneOffInThePast_IsAWarning_AndTheFileStillCompiles()
    {
        var result = Compile.Text($"workflow w {{ schedule at \"2020-01-01T00:00:00Z\" {Job} }}");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("1:26: warning: one-off time 2020-01-01T00:00:00+00:00 is in the past; it will not fire", Compile.Format(warning));
        Assert.Single(result.Workflows);
        Assert.True(result.Files[0].Ok);
    }

    [Theory]
    [InlineData("every 500ms", "1:29: an interval must be at least 1s (found 500ms): the host records fires to the second")]
    [InlineData("every 1ms", "1:29: an interval must be at least 1s (found 1ms): the host records fires to the second")]
    [InlineData("every 1500ms", "1:29: an interval must be a whole number of seconds (found 1500ms): the host records fires to the second")]
    [InlineData("every 1m1ms", "1:29: an interval must be a whole number of seconds (found 1m1ms): the host records fires to the second")]
    public void Intervals_AreWholeSeconds_AtLeastOne(string schedule, string error)
    {
        var lines = Compile.Lines($"workflow w {{ schedule {schedule} {Job} }}");
        Assert.Equal([error], lines);
    }

    [Theory]
    [InlineData("every 1s")]
    [InlineData("every 1s1000ms")]
    [InlineData("every 90s")]
    public void Intervals_OfWholeSeconds_Compile(string schedule) =>
        Assert.Single(Compile.Single($"workflow w {{ schedule {schedule} {Job} }}").Schedules);

    [Theory]
    [InlineData("cron \"0 0 30 2 *\"", "1:28: warning: cron \"0 0 30 2 *\" has no fire in the next 10 years; it will not fire")]
    [InlineData("cron \"0 0 31 4 *\"", "1:28: warning: cron \"0 0 31 4 *\" has no fire in the next 10 years; it will not fire")]
    [InlineData("\"0 0 0 31 11 *\"", "1:23: warning: \"0 0 0 31 11 *\" has no fire in the next 10 years; it will not fire")]
    public void CronThatNeverFires_IsAWarning_AndTheFileStillCompiles(string schedule, string warning)
    {
        var result = Compile.Text($"workflow w {{ schedule {schedule} {Job} }}");
        Assert.Equal([warning], result.Diagnostics.Select(Compile.Format));
        Assert.Single(result.Workflows);
    }

    [Theory]
    [InlineData("cron \"0 0 29 2 *\"")] // a leap day: at most 8 years away
    [InlineData("cron \"0 0 31 * *\"")]
    [InlineData("cron \"0 0 13 * FRI\"")]
    public void CronThatFiresRarely_IsNoWarning(string schedule) =>
        Assert.Empty(Compile.Text($"workflow w {{ schedule {schedule} {Job} }}").Diagnostics);

    [Fact]
    public void Params_AreKeptAsWritten()
    {
        var w = Compile.Single("workflow w { params { \"region\": \"eu\", \"n\": [1, 2] } " + Job + " }");
        Assert.Equal("{ \"region\": \"eu\", \"n\": [1, 2] }", w.ParamsJson);
    }

    [Fact]
    public void Scripts_KeepTheirCodeAndWhereItStarts()
    {
        var w = Compile.Single("workflow w {\n  job a {\n    run ```\n      return 1;\n    ```\n  }\n}");
        var script = w.Jobs[0].Script;
        Assert.Equal("\n      return 1;\n    ", script.Code);
        Assert.Equal(("test.flow", 3, 12), (script.Path, script.Line, script.Column));
    }

    [Fact]
    public void Scripts_FromABlock_EqualTheSameCodeGivenAsAString()
    {
        var script = Compile.Single("workflow w {\n  job a {\n    run ```return 1;```\n  }\n}").Jobs[0].Script;
        var written = new ScriptSource("return 1;", "test.flow", 3, 12);
        Assert.Equal(written, script);
        Assert.Equal(written.GetHashCode(), script.GetHashCode());
        Assert.Equal("return 1;", (script with { Line = 9 }).Code);
        Assert.NotEqual(written, new ScriptSource("return 2;", "test.flow", 3, 12));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)] // past the size where job names get an index and edges a hash set
    public void Edges_AreDistinct_AndEachJobWaitsForItsUpstream_InWorkflowsSmallAndLarge(int count)
    {
        var jobs = string.Concat(Enumerable.Range(0, count).Select(k => $"job j{k} {{ run ``` return {k}; ``` }}\n"));
        var chain = string.Join(" -> ", Enumerable.Range(0, count).Select(k => $"j{k}"));
        var fanIn = string.Join(", ", Enumerable.Range(0, count - 1).Select(k => $"j{k}")) + $" -> j{count - 1}";
        var w = Compile.Single($"workflow w {{\n{jobs}{chain}\n{chain}\n{fanIn}\n}}");
        // The chain's edges once each (written twice), then the fan-in's new ones.
        Assert.Equal(count - 1 + count - 2, w.Edges.Count);
        Assert.Equal(Enumerable.Range(0, count - 1).Select(k => $"j{k}").Prepend($"j{count - 2}").Distinct(), w.Jobs[count - 1].Upstream);
        Assert.Equal(["j0"], w.Jobs[1].Upstream);
        Assert.Empty(w.Jobs[0].Upstream);

        var cyclic = Compile.Lines($"workflow w {{\n{jobs}{chain}\nj{count - 1} -> j0\n}}");
        Assert.Contains(cyclic, line => line.Contains($"dependency cycle: {chain} -> j0", StringComparison.Ordinal));
    }

    [Fact]
    public void RunFileAndUseFile_AreReadRelativeToTheFlowFile()
    {
        var files = new Dictionary<string, string>
        {
            [Path.Combine("flows", "jobs", "a.js")] = "return helper();",
            [Path.Combine("flows", "lib", "helpers.js")] = "function helper() { return 1; }",
        };
        var result = FlowCompiler.CompileSources(
            [(Path.Combine("flows", "w.flow"), "workflow w { use file \"lib/helpers.js\" job a { run file \"jobs/a.js\" } }")],
            Compile.Options, full => files.FirstOrDefault(f => Path.GetFullPath(f.Key) == full).Value);
        Assert.Empty(result.Diagnostics);
        var w = result.Workflows[0];
        Assert.Equal("return helper();", w.Jobs[0].Script.Code);
        Assert.Equal((Path.Combine("flows", "jobs/a.js"), 1, 1), (w.Jobs[0].Script.Path, w.Jobs[0].Script.Line, w.Jobs[0].Script.Column));
        Assert.Equal("function helper() { return 1; }", Assert.Single(w.Uses).Code);
    }

    [Fact]
    public void DuplicateWorkflowAcrossFiles_IsAnErrorInTheSecond_AndTheFirstStillCompiles()
    {
        var result = FlowCompiler.CompileSources(
            [("a.flow", "workflow w { " + Job + " }"), ("b.flow", "\n\nworkflow w { " + Job + " }\nworkflow v { " + Job + " }")],
            Compile.Options, _ => null);
        Assert.True(result.Files[0].Ok);
        Assert.Equal("b.flow:3:10: duplicate workflow 'w': already declared at a.flow:1:10", Assert.Single(result.Files[1].Diagnostics).ToString());
        Assert.Equal(["w", "v"], result.Files[1].Workflows);
        Assert.Equal("a.flow", Assert.Single(result.Workflows).Position.Path);
    }

    [Fact]
    public void Compile_ReadsFoldersRecursively_InOrdinalOrder()
    {
        var folder = Directory.CreateTempSubdirectory("flow-tests-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "sub"));
            File.WriteAllText(Path.Combine(folder, "b.flow"), "workflow b { " + Job + " }");
            File.WriteAllText(Path.Combine(folder, "sub", "a.flow"), "workflow a { job a { run file \"../x.js\" } }");
            File.WriteAllText(Path.Combine(folder, "x.js"), "return 1;");
            File.WriteAllText(Path.Combine(folder, "ignored.txt"), "not a flow file");

            var result = FlowCompiler.Compile([folder, Path.Combine(folder, "b.flow"), Path.Combine(folder, "missing.flow")], Compile.Options);

            Assert.Equal([Path.Combine(folder, "b.flow"), Path.Combine(folder, "sub", "a.flow"), Path.Combine(folder, "missing.flow")], result.Files.Select(f => f.Path));
            Assert.Equal(["b", "a"], result.Workflows.Select(w => w.Name));
            Assert.Equal("no such file or folder", Assert.Single(result.Files[2].Diagnostics).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FilesWithErrors_ContributeNoWorkflows_ButListTheirNames()
    {
        var result = FlowCompiler.CompileSources(
            [("good.flow", "workflow good { " + Job + " }"), ("bad.flow", "workflow bad { job x { } }")], Compile.Options, _ => null);
        Assert.Equal(["good"], result.Workflows.Select(w => w.Name));
        Assert.Equal(["bad"], result.Files[1].Workflows);
        Assert.False(result.Files[1].Ok);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Diagnostics_AreSortedByLineAndColumn()
    {
        var lines = Compile.Lines("workflow w {\n  job b { }\n  job a { run ``` return +; ``` }\n  a -> zz\n  retires 1\n}");
        Assert.Equal(["2:7", "3:27", "4:8", "5:3"], lines.Select(l => string.Join(':', l.Split(':').Take(2))));
    }

    [Fact]
    public void ManyWorkflowsInOneFile_BindTheSameInParallelAsInOrder()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(n => $"workflow w{n} {{\n job a {{ run ``` return {n} +; ``` }}\n a -> missing{n}\n}}\n"));
        var first = Compile.Lines(text);
        Assert.Equal(100, first.Length);
        for (int round = 0; round < 5; round++)
            Assert.Equal(first, Compile.Lines(text));
    }

    [Fact]
    public void AJobBody_MayAwait_AndKeepsItsErrorPositions()
    {
        // A body that awaits runs as an async function (docs/sandbox.md).
        Assert.Empty(Compile.Lines("workflow w {\n job a { run ``` const rows = await Promise.resolve([1]); return rows.length; ``` }\n}\n"));
        Assert.Equal(["2:33: JavaScript syntax error: Unexpected token '*'"],
            Compile.Lines("workflow w {\n job a { run ``` await null; 1 +* 2; ``` }\n}\n"));
    }

    [Fact]
    public void WindowsLineEndings_KeepPositions_AndScriptsByteForByte()
    {
        var text = "workflow w {\r\n  job a {\r\n    run ```\r\n      const x = 1;\r\n      return x +* 2;\r\n    ```\r\n  }\r\n}\r\n";
        Assert.Equal(["5:17: JavaScript syntax error: Unexpected token '*'"], Compile.Lines(text));
        var clean = Compile.Single(text.Replace("+*", "*"));
        Assert.Equal("\r\n      const x = 1;\r\n      return x * 2;\r\n    ", clean.Jobs[0].Script.Code);
    }

    [Fact]
    public void WorkflowWithoutJobs_IsAWarning()
    {
        var result = Compile.Text("workflow idle { schedule every 1h }");
        Assert.Equal(["1:10: warning: workflow 'idle' has no jobs; its runs will do nothing"], result.Diagnostics.Select(Compile.Format));
        Assert.Single(result.Workflows);
    }

    private static string JobsNamed(params string[] names) => string.Join(" ", names.Select(n => $"job {n} {{ run ``` return 1; ``` }}"));
}
