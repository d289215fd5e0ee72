namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>What a script sees: <c>inputs</c>, <c>params</c>, <c>run</c>, <c>log</c>/<c>console</c>, <c>sleep</c>, <c>env</c> and its <c>use file</c> helpers.</summary>
public sealed class GlobalsTests
{
    [Fact]
    public async Task InputsParamsAndRun_HoldTheAttemptsValues()
    {
        using var sandbox = new Sandbox();
        var job = Sandbox.Job(Sandbox.Script("return { total: inputs.a.n + inputs.b.n, region: params.region, batch: params.batch, run };"), name: "load");
        var context = Sandbox.Context(
            new Dictionary<string, string> { ["a"] = """{"n":1}""", ["b"] = """{"n":2}""" }, """{"region":"eu","batch":500}""", job: "load", attempt: 2);

        var result = await sandbox.RunAsync(job, context: context);

        Assert.Equal(
            """{"total":3,"region":"eu","batch":500,"run":{"id":"wf@2026-11-28T01:00:00Z","workflow":"wf","job":"load","scheduledAt":"2026-11-28T01:00:00Z","attempt":2}}""",
            result.OutputJson);
    }

    [Fact]
    public async Task AnInputMayBeAnyJsonValue()
    {
        using var sandbox = new Sandbox();
        var context = Sandbox.Context(new Dictionary<string, string> { ["count"] = "3", ["none"] = "null", ["names"] = """["a","b"]""" });

        var result = await sandbox.RunAsync(Sandbox.Job(Sandbox.Script("return [inputs.count + 1, inputs.none, inputs.names.length, Object.keys(inputs)];")), context: context);

        Assert.Equal("""[4,null,2,["count","none","names"]]""", result.OutputJson);
    }

    [Fact]
    public async Task LogAndConsole_AreCaptured_OneLinePerCall()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("""
            log('rows', 3, { ok: true }, [1, 2], null, undefined);
            console.log('plain');
            console.info('info');
            console.warn('careful');
            console.error(new TypeError('bad'));
            """);

        Assert.Equal(["rows 3 {\"ok\":true} [1,2] null undefined", "plain", "info", "warn: careful", "error: TypeError: bad"], result.Logs);
    }

    [Fact]
    public async Task TheLog_IsCapped_AndSaysWhatItDropped()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("for (let i = 0; i < 1500; i++) log('line ' + i);");

        Assert.Equal(1001, result.Logs.Count);
        Assert.Equal("line 999", result.Logs[999]);
        Assert.Equal("... 500 more log line(s) dropped (the log of an attempt keeps 1000 lines, 1 MiB)", result.Logs[1000]);
    }

    [Fact]
    public async Task TheLog_IsCappedInBytes()
    {
        using var sandbox = new Sandbox();

        // 64 lines of 16 KiB (the longest a line is kept) fill the 1 MiB.
        var result = await sandbox.RunAsync("const line = 'x'.repeat(16 * 1024); for (let i = 0; i < 100; i++) log(line);");

        Assert.Equal(65, result.Logs.Count);
        Assert.StartsWith("... 36 more log line(s) dropped", result.Logs[64]);
    }

    [Fact]
    public async Task UseFileHelpers_AreVisibleToTheBody()
    {
        using var sandbox = new Sandbox();
        var uses = new[]
        {
            Sandbox.Script("const TAX = 0.2;\nfunction gross(net) { return net * (1 + TAX); }", "lib/money.js"),
            Sandbox.Script("let calls = 0;\nfunction round2(x) { calls++; return Math.round(x * 100) / 100; }", "lib/math.js"),
        };
        var job = Sandbox.Job(Sandbox.Script("return [round2(gross(10.55)), calls];"));

        // Twice: each attempt is a fresh engine, so the helpers' top-level let and const run again without clashing.
        var first = await sandbox.RunAsync(job, uses);
        var second = await sandbox.RunAsync(job, uses);

        Assert.Equal("[12.66,1]", first.OutputJson);
        Assert.Equal("[12.66,1]", second.OutputJson);
    }

    [Fact]
    public async Task OneDefinition_RunsManyAttemptsInParallel()
    {
        using var sandbox = new Sandbox();
        var job = Sandbox.Job(Sandbox.Script("let s = 0; for (let i = 0; i < 1000; i++) s += i; return s + run.attempt;"));

        var results = await Task.WhenAll(Enumerable.Range(1, 32).Select(attempt =>
            sandbox.RunAsync(job, context: Sandbox.Context(attempt: attempt))));

        Assert.Equal(Enumerable.Range(1, 32).Select(a => (499500 + a).ToString()), results.Select(r => r.OutputJson));
    }

    [Fact]
    public async Task Sleep_Waits_WithinTheTimeout()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("\"awake\"", await sandbox.OutputAsync("sleep(1); sleep(0); sleep(-5); sleep(NaN); return 'awake';"));
    }

    [Fact]
    public async Task Env_ReadsAnAllowedVariable_AndNullWhenUnset()
    {
        var name = $"SANDBOX_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "eu-west");
        using var sandbox = new Sandbox(o => o with { AllowedEnv = [name, "SANDBOX_TEST_UNSET"] });

        var output = await sandbox.OutputAsync($"return [env('{name}'), env('SANDBOX_TEST_UNSET')];");

        Assert.Equal("""["eu-west",null]""", output);
    }

    [Fact]
    public void WarmUp_RunsAJobThroughTheWholePath()
    {
        using var sandbox = new Sandbox();

        Assert.True(sandbox.Runner.WarmUp() > TimeSpan.Zero);
    }
}
