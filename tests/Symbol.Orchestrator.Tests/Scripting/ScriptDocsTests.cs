using System.Net;
using System.Text.RegularExpressions;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>
/// <c>docs/scripts.md</c> stays true: every JavaScript example runs in the sandbox as the job <c>load</c> of the page's
/// workflow, and one that ends with <c>// returns: JSON</c> returns exactly that, so the error texts it quotes are the real ones.
/// </summary>
public sealed partial class ScriptDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "scripts.md"));

    [GeneratedRegex(@"^```js\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsBlock();

    [GeneratedRegex(@"^// returns: (?<json>.*)$", RegexOptions.Multiline)]
    private static partial Regex Returns();

    public static TheoryData<int> Examples() => [.. Enumerable.Range(0, JsBlock().Count(Doc))];

    [Fact]
    public void ThePageHasItsExamples() => Assert.True(JsBlock().Count(Doc) >= 10);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EveryExample_RunsAndReturnsWhatThePageSays(int index)
    {
        var code = JsBlock().Matches(Doc)[index].Groups["code"].Value;
        Environment.SetEnvironmentVariable("REGION", "eu-west");
        using var sandbox = new Sandbox(o => o with { AllowedEnv = ["REGION"], AllowedHosts = ["api.example.com"], HttpHandler = new FakeHttpHandler(Respond) });
        var context = Sandbox.Context(new Dictionary<string, string> { ["check"] = "\"ok\"" }, """{"region":"eu","batch":500}""", job: "load") with
        {
            RunId = "etl@2026-11-28T01:00:00Z",
            Workflow = "etl",
            OutputsJson = new Dictionary<string, string> { ["check"] = "\"ok\"", ["transform"] = """{"total":6}""", ["ingest"] = """{"rows":3}""" },
        };

        var result = await sandbox.RunAsync(Sandbox.Job(Sandbox.Script(code), name: "load"), context: context);

        Assert.True(result.Succeeded, $"{result.Error} in\n{code}");
        if (Returns().Match(code) is { Success: true } expected)
        {
            Assert.Equal(expected.Groups["json"].Value, result.OutputJson);
        }
    }

    private static HttpResponseMessage Respond(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        "/rows" => FakeHttpHandler.Json(HttpStatusCode.OK, """{"rows":[1,2,3]}"""),
        "/loads" => FakeHttpHandler.Json(HttpStatusCode.Created, """{"id":1}"""),
        _ => FakeHttpHandler.Json(HttpStatusCode.NotFound, "{}"),
    };
}
