using Symbol.Orchestrator.Language;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>A thrown error fails the attempt with its message and the line in the .flow (or .js) file where it was thrown.</summary>
public sealed class ErrorTests
{
    // A validate job, as if its script block started at line 27, column 35 of the file.
    private static readonly ScriptSource Validate = Sandbox.Script(""" if (inputs.ingest.count < 1) throw new Error("empty"); """, "nightly-etl.flow", 27, 35);

    [Fact]
    public async Task AThrow_ReportsItsMessageAndTheFlowLine()
    {
        using var sandbox = new Sandbox();
        var context = Sandbox.Context(new Dictionary<string, string> { ["ingest"] = """{"count":0}""" });

        var result = await sandbox.RunAsync(Sandbox.Job(Validate), context: context);

        Assert.Equal("Error: empty (at nightly-etl.flow:27)", result.Error);
    }

    [Fact]
    public async Task AThrowOnALaterLine_MapsToThatLineOfTheFile()
    {
        using var sandbox = new Sandbox();
        var script = Sandbox.Script("""

                        const rows = [1, 2, 3];
                        log(`ingested ${rows.length}`);
                        if (rows.length > 2) {
                            throw new RangeError(`too many rows: ${rows.length}`);
                        }
            """, "etl.flow", 12, 16);

        var result = await sandbox.RunAsync(Sandbox.Job(script));

        Assert.Equal("RangeError: too many rows: 3 (at etl.flow:16)", result.Error);
        Assert.Equal(["ingested 3"], result.Logs);
    }

    [Fact]
    public async Task ARuntimeTypeError_ReportsTheLine()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync(Sandbox.Job(Sandbox.Script("const row = null;\nreturn row.id;", "scripts/load.js")));

        Assert.Equal("TypeError: Cannot read properties of null (reading 'id') (at scripts/load.js:2)", result.Error);
    }

    [Fact]
    public async Task AnErrorThrownInAUseFileHelper_ReportsTheHelpersFileAndLine()
    {
        using var sandbox = new Sandbox();
        var helpers = Sandbox.Script("function must(value, what) {\n  if (!value) throw new Error(`missing ${what}`);\n  return value;\n}", "lib/helpers.js");
        var job = Sandbox.Job(Sandbox.Script("return must(params.region, 'region');", "etl.flow", 9, 20));

        var result = await sandbox.RunAsync(job, [helpers]);

        Assert.Equal("Error: missing region (at lib/helpers.js:2)", result.Error);
    }

    [Theory]
    [InlineData("throw 'boom';", "boom (at test.flow:1)")]
    [InlineData("throw { code: 7 };", """{"code":7} (at test.flow:1)""")]
    [InlineData("throw new TypeError();", "TypeError (at test.flow:1)")]
    public async Task AThrownValueThatIsNotAnError_IsShownAsItIs(string code, string error)
    {
        using var sandbox = new Sandbox();

        Assert.Equal(error, await sandbox.ErrorAsync(code));
    }

    [Fact]
    public async Task ASyntaxError_ReportsTheFlowLine()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync(Sandbox.Job(Sandbox.Script("const a = 1;\nconst b = ;", "bad.flow", 40, 20)));

        Assert.Equal("SyntaxError: Unexpected token ';' (at bad.flow:41)", result.Error);
    }

    [Fact]
    public async Task ACaughtError_DoesNotFailTheAttempt()
    {
        using var sandbox = new Sandbox();

        Assert.Equal("\"recovered: x\"", await sandbox.OutputAsync("try { throw new Error('x'); } catch (e) { return 'recovered: ' + e.message; }"));
    }
}
