using System.Diagnostics;
using System.Net;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>Each limit fails the attempt with an error that names it; cancellation is not a failure but an exception.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Timeout_FailsTheAttempt_NamingTheJobsTimeout()
    {
        using var sandbox = new Sandbox();
        var clock = Stopwatch.StartNew();

        var error = await sandbox.ErrorAsync("while (true) {}", timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal("timeout: the script ran longer than 200ms", error);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Timeout_ComesFromTheOptions_WhenTheJobSetsNone()
    {
        using var sandbox = new Sandbox(o => o with { Timeout = TimeSpan.FromMilliseconds(200) });

        var error = await sandbox.ErrorAsync("for (;;) { Math.random(); }");

        Assert.Equal("timeout: the script ran longer than 200ms", error);
    }

    [Fact]
    public async Task Timeout_CountsSleep_AndCannotBeCaught()
    {
        using var sandbox = new Sandbox();
        var clock = Stopwatch.StartNew();

        var error = await sandbox.ErrorAsync("try { sleep(60000); } catch (e) { return 'caught'; }", timeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal("timeout: the script ran longer than 200ms", error);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Timeout_SpansTheUseFilesAndTheBody()
    {
        using var sandbox = new Sandbox();
        var job = Sandbox.Job(Sandbox.Script("while (true) {}"), TimeSpan.FromMilliseconds(300));
        var uses = new[] { Sandbox.Script("const until = Date.now() + 200; while (Date.now() < until) {}", "slow.js") };

        var result = await sandbox.RunAsync(job, uses);

        Assert.Equal("timeout: the script ran longer than 300ms", result.Error);
    }

    [Fact]
    public async Task Statements_FailTheAttempt_NamingTheLimit()
    {
        using var sandbox = new Sandbox(o => o with { MaxStatements = 1000 });

        var error = await sandbox.ErrorAsync("let n = 0; while (true) { n++; }");

        Assert.Equal("statement limit of 1000 statements exceeded", error);
    }

    [Fact]
    public async Task Statements_AreNotCapped_ByDefault()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("200000", await sandbox.OutputAsync("let n = 0; for (let i = 0; i < 200000; i++) { n++; } return n;"));
    }

    [Fact]
    public async Task Recursion_FailsTheAttempt_NamingTheLimit()
    {
        using var sandbox = new Sandbox(o => o with { MaxRecursion = 50 });

        var error = await sandbox.ErrorAsync("function down(n) { return down(n + 1); } return down(0);");

        Assert.Equal("recursion limit of 50 exceeded (a function called itself too deeply)", error);
    }

    [Fact]
    public async Task Recursion_WithinTheLimit_Runs()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("900", await sandbox.OutputAsync("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } return depth(900);"));
    }

    [Fact]
    public async Task Recursion_ThatRepeatsNoFunction_EndsInARangeError_NotAStackOverflow()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("const s = 'eval(s)'; eval(s);");

        Assert.StartsWith("RangeError: Maximum call stack size exceeded", error);
    }

    [Theory]
    [InlineData("return eval('['.repeat(100000) + ']'.repeat(100000));")]
    [InlineData("return eval('('.repeat(100000) + '1' + ')'.repeat(100000));")]
    public async Task NestingDeeperThanTheStack_FailsWithTheRecursionLimit(string code)
    {
        using var sandbox = new Sandbox(o => o with { MaxRecursion = 200 });

        var error = await sandbox.ErrorAsync(code);

        Assert.Equal("recursion limit of 200 exceeded (eval or nesting went deeper than the stack allows)", error);
    }

    [Fact]
    public async Task AtomicsWait_CannotBlockTheThread()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);");

        Assert.StartsWith("TypeError:", error);
    }

    [Fact]
    public async Task Cancellation_StopsARunningScript_AndThrows()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["signal"], HttpHandler = Signal(started) });
        using var shutdown = new CancellationTokenSource();

        var run = sandbox.RunAsync("http.get('http://signal/'); while (true) {}", cancellationToken: shutdown.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        shutdown.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Cancellation_WakesASleepingScript()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["signal"], HttpHandler = Signal(started) });
        using var shutdown = new CancellationTokenSource();

        var run = sandbox.RunAsync("http.get('http://signal/'); try { sleep(600000); } catch (e) {} return 'slept';", cancellationToken: shutdown.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        shutdown.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Cancellation_BeforeTheStart_Throws()
    {
        using var sandbox = new Sandbox();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sandbox.RunAsync("return 1;", cancellationToken: new CancellationToken(canceled: true)));
    }

    private static FakeHttpHandler Signal(TaskCompletionSource started) =>
        new(_ =>
        {
            started.TrySetResult();
            return FakeHttpHandler.Json(HttpStatusCode.OK, "{}");
        });
}
