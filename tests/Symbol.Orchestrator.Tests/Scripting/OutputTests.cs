namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>The return value, JSON-serialised, is the output: undefined is null; what JSON cannot hold, or over 1 MiB, fails.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData("return { count: 3, names: ['a', 'b'], nested: { ok: true } };", """{"count":3,"names":["a","b"],"nested":{"ok":true}}""")]
    [InlineData("return 42;", "42")]
    [InlineData("return 'text';", "\"text\"")]
    [InlineData("return null;", "null")]
    [InlineData("return;", "null")]
    [InlineData("const x = 1;", "null")]
    [InlineData("x = 1; x + 1", "null")]
    [InlineData("return undefined;", "null")]
    [InlineData("return { when: new Date(0), skip: undefined, fn() {} };", """{"when":"1970-01-01T00:00:00.000Z"}""")]
    [InlineData("return [NaN, Infinity];", "[null,null]")]
    public async Task TheReturnValue_IsTheOutput(string code, string json)
    {
        using var sandbox = new Sandbox();

        Assert.Equal(json, await sandbox.OutputAsync(code));
    }

    [Theory]
    [InlineData("const a = {}; a.self = a; return a;", "output: the return value cannot be serialised to JSON: Cyclic reference detected.")]
    [InlineData("return { big: 10n };", "output: the return value cannot be serialised to JSON: Do not know how to serialize a BigInt")]
    [InlineData("return function () {};", "output: the return value (a function) cannot be serialised to JSON")]
    [InlineData("return Symbol('s');", "output: the return value (a symbol) cannot be serialised to JSON")]
    public async Task AValueJsonCannotHold_FailsTheAttempt(string code, string error)
    {
        using var sandbox = new Sandbox();

        Assert.Equal(error, await sandbox.ErrorAsync(code));
    }

    [Fact]
    public async Task AnOutputOver1MiB_FailsTheAttempt()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("return 'x'.repeat(1024 * 1024);");

        Assert.Equal("output: the return value is 1048578 bytes as JSON, over the limit of 1 MiB (1048576 bytes)", error);
    }

    [Fact]
    public async Task AnOutputOfExactly1MiB_Passes()
    {
        using var sandbox = new Sandbox();

        var output = await sandbox.OutputAsync("return 'x'.repeat(1024 * 1024 - 2);");

        Assert.Equal(1 << 20, output.Length);
    }

    [Fact]
    public async Task AFailedAttempt_KeepsItsLogs()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("log('before'); const a = {}; a.a = a; return a;");

        Assert.False(result.Succeeded);
        Assert.Equal(["before"], result.Logs);
    }
}
