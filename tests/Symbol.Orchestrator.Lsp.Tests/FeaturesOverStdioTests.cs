using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>Completion, hover, definition, symbols and formatting as an editor gets them from `orchestrator lsp` over real stdio.</summary>
public sealed class FeaturesOverStdioTests : IDisposable
{
    // The last Sunday of March at 02:30 in Berlin: every fire falls in the hour DST skips, whatever the day the test runs.
    private const string Flow = """
        workflow etl {
            schedule cron "30 2 * 3 0L"
            timezone "Europe/Berlin"
            job extract { run ``` return 1; ``` }
            job load { run file "scripts/load.js" }
            extract -> load
            load ->
        }

        """;

    private readonly TempFolder _folder = new();
    private readonly LspClient _client = LspClient.Start();
    private readonly string _uri;

    public FeaturesOverStdioTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "scripts"));
        _folder.Write("scripts/load.js", "return 2;\n");
        _uri = new Uri(_folder.Write("etl.flow", Flow)).AbsoluteUri;
    }

    private async Task OpenAsync(string text)
    {
        await _client.InitializeAsync(_folder.Path);
        _client.Notify("textDocument/didOpen", new { textDocument = new { uri = _uri, languageId = "flow", version = 1, text } });
    }

    private Task<JsonNode?> AtAsync(string method, int line, int character, string? uri = null) =>
        _client.RequestAsync(method, new { textDocument = new { uri = uri ?? _uri }, position = new { line, character } });

    [Fact]
    public async Task Completion_after_an_arrow_offers_the_workflows_other_jobs()
    {
        await OpenAsync(Flow);

        var result = await AtAsync("textDocument/completion", 6, 11);

        var items = result!["items"]!.AsArray();
        Assert.Equal(["extract"], items.Select(i => (string)i!["label"]!));   // not load itself: load -> load is refused
        Assert.Equal(3, (int)items[0]!["kind"]!);
        Assert.Equal("extract", (string?)items[0]!["textEdit"]!["newText"]);
        Assert.Equal(6, (int)items[0]!["textEdit"]!["range"]!["start"]!["line"]!);
        Assert.Equal(11, (int)items[0]!["textEdit"]!["range"]!["start"]!["character"]!);
    }

    [Fact]
    public async Task A_typed_space_pops_up_only_what_the_word_before_takes()
    {
        await OpenAsync(Flow.Replace("    job extract", "    catchup \n    job extract", StringComparison.Ordinal));
        object Space(int line, int character) => new
        {
            textDocument = new { uri = _uri },
            position = new { line, character },
            context = new { triggerKind = 2, triggerCharacter = " " },
        };

        var modes = await _client.RequestAsync("textDocument/completion", Space(3, 12));
        var afterZone = await _client.RequestAsync("textDocument/completion", Space(2, 28));

        Assert.Equal(["none", "latest", "all"], modes!["items"]!.AsArray().Select(i => (string)i!["label"]!));
        Assert.Empty(afterZone!["items"]!.AsArray());
    }

    [Fact]
    public async Task Hover_on_a_schedule_shows_its_next_fires_in_its_zone_with_the_dst_note()
    {
        await OpenAsync(Flow);

        var result = await AtAsync("textDocument/hover", 1, 10);

        Assert.Equal("markdown", (string?)result!["contents"]!["kind"]);
        var text = (string)result["contents"]!["value"]!;
        Assert.Contains("in Europe/Berlin", text, StringComparison.Ordinal);
        Assert.Contains("Next 5 fires:", text, StringComparison.Ordinal);
        Assert.Equal(5, text.Split("T03:00:00+02:00` DST: 02:30 does not exist (DST starts); fired at 03:00").Length - 1);
    }

    [Fact]
    public async Task Definition_of_an_edges_job_is_its_declaration_and_of_a_run_file_the_file()
    {
        await OpenAsync(Flow);

        var job = (await AtAsync("textDocument/definition", 5, 17))!.AsArray().Single()!;
        var file = (await AtAsync("textDocument/definition", 4, 30))!.AsArray().Single()!;

        Assert.Equal(_uri, (string?)job["uri"]);
        Assert.Equal((4, 8, 12), ((int)job["range"]!["start"]!["line"]!, (int)job["range"]!["start"]!["character"]!, (int)job["range"]!["end"]!["character"]!));
        Assert.Equal(new Uri(Path.Combine(_folder.Path, "scripts", "load.js")).AbsoluteUri, (string?)file["uri"]);
    }

    [Fact]
    public async Task Document_symbols_are_the_workflows_with_their_jobs()
    {
        await OpenAsync(Flow);

        var symbols = (await _client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = _uri } }))!.AsArray();

        var etl = symbols.Single()!;
        Assert.Equal(("etl", 2), ((string)etl["name"]!, (int)etl["kind"]!));
        Assert.Equal((0, 7), ((int)etl["range"]!["start"]!["line"]!, (int)etl["range"]!["end"]!["line"]!));
        Assert.Equal(["extract", "load"], etl["children"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.All(etl["children"]!.AsArray(), c => Assert.Equal(12, (int)c!["kind"]!));
    }

    [Fact]
    public async Task Formatting_replaces_the_whole_document_once_and_then_has_nothing_to_do()
    {
        const string messy = "workflow w {\n\n\n      job a { run ``` return 1; ``` }   \n  }\n\n";
        await OpenAsync(messy);

        var edits = (await _client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = _uri }, options = new { tabSize = 4, insertSpaces = true } }))!.AsArray();

        var edit = edits.Single()!;
        Assert.Equal("workflow w {\n    job a { run ``` return 1; ``` }\n}\n", (string?)edit["newText"]);
        Assert.Equal((0, 0, 6, 0), ((int)edit["range"]!["start"]!["line"]!, (int)edit["range"]!["start"]!["character"]!,
            (int)edit["range"]!["end"]!["line"]!, (int)edit["range"]!["end"]!["character"]!));
        _client.Notify("textDocument/didChange", new
        {
            textDocument = new { uri = _uri, version = 2 },
            contentChanges = new[] { new { text = (string)edit["newText"]! } },
        });
        var again = (await _client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = _uri }, options = new { tabSize = 4, insertSpaces = true } }))!.AsArray();
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_request_past_the_end_or_on_an_unknown_document_answers_null_and_the_server_goes_on()
    {
        await OpenAsync(Flow);

        Assert.Null(await AtAsync("textDocument/hover", 400, 3));
        Assert.Null(await AtAsync("textDocument/completion", 2, 900));
        Assert.Null(await AtAsync("textDocument/definition", -1, -1));
        Assert.Null(await AtAsync("textDocument/hover", 0, 0, "file:///nowhere/at/all.flow"));
        Assert.Null(await AtAsync("textDocument/hover", 0, 0, "not a uri"));

        var hover = await AtAsync("textDocument/hover", 0, 10);
        Assert.Contains("**workflow** `etl`", (string?)hover!["contents"]!["value"], StringComparison.Ordinal);
        Assert.Equal(0, await _client.ShutdownAndExitAsync());
    }

    public void Dispose()
    {
        _client.Dispose();
        _folder.Dispose();
    }
}
