using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>Diagnostics over real stdio: validate's messages as ranges, as the user opens, edits, closes and saves files.</summary>
public sealed class DiagnosticsTests
{
    private const string TwoJobs = """
        workflow a {
            schedule every 1m
            job one {
                run ```
                    return 1;
                ```
            }
            job two {
                run ```
                    return 2;
                ```
            }
            one -> tow
        }

        """;

    private static string Uri(string path) => new Uri(path).AbsoluteUri;

    private static void Open(LspClient client, string path, string text, int version = 1) =>
        client.Notify("textDocument/didOpen", new { textDocument = new { uri = Uri(path), languageId = "flow", version, text } });

    private static (int Line, int Character) Start(JsonNode diagnostic) =>
        ((int)diagnostic["range"]!["start"]!["line"]!, (int)diagnostic["range"]!["start"]!["character"]!);

    private static (int Line, int Character) End(JsonNode diagnostic) =>
        ((int)diagnostic["range"]!["end"]!["line"]!, (int)diagnostic["range"]!["end"]!["character"]!);

    [Fact]
    public async Task ABrokenFile_OnOpen_HasValidatesMessage_OverTheOffendingName()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.flow", TwoJobs);
        var expected = Assert.Single(await Validate.FolderAsync(folder.Path));
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);

        Open(client, path, TwoJobs);

        var diagnostic = Assert.Single(await client.DiagnosticsAsync(Uri(path), d => d.Count > 0, "the unknown job"));
        Assert.Equal(expected.Text, (string?)diagnostic!["message"]);
        Assert.Contains("'tow'", expected.Text, StringComparison.Ordinal);
        Assert.Equal(1, (int)diagnostic["severity"]!);
        Assert.Equal("orchestrator", (string?)diagnostic["source"]);
        Assert.Equal((expected.Line - 1, expected.Column - 1), Start(diagnostic));
        Assert.Equal((expected.Line - 1, expected.Column - 1 + "tow".Length), End(diagnostic));
    }

    [Fact]
    public async Task AnIncrementalChange_ThatFixesTheFile_ClearsItsDiagnostics()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.flow", TwoJobs);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        Open(client, path, TwoJobs);
        var diagnostic = Assert.Single(await client.DiagnosticsAsync(Uri(path), d => d.Count > 0, "the unknown job"));

        // Replace "tow" with "two", as an editor sends a one-word edit.
        client.Notify("textDocument/didChange", new
        {
            textDocument = new { uri = Uri(path), version = 2 },
            contentChanges = new[] { new { range = diagnostic!["range"], text = "two" } },
        });

        await client.DiagnosticsAsync(Uri(path), d => d.Count == 0, "cleared");
        var last = client.Notifications("textDocument/publishDiagnostics").Last(n => (string?)n["params"]!["uri"] == Uri(path));
        Assert.Equal(2, (int)last["params"]!["version"]!);
    }

    [Fact]
    public async Task ADuplicateWorkflowName_ShowsOnTheOtherFileOfTheFolder_AndGoesWhenRenamed()
    {
        using var folder = new TempFolder();
        var fixedText = TwoJobs.Replace("tow", "two", StringComparison.Ordinal);
        var first = folder.Write("a.flow", fixedText);
        var second = folder.Write("z.flow", fixedText);
        var expected = Assert.Single(await Validate.FolderAsync(folder.Path));
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);

        Open(client, first, fixedText);

        var duplicate = Assert.Single(await client.DiagnosticsAsync(Uri(second), d => d.Count > 0, "the duplicate on the file not opened"));
        Assert.Equal(expected.Text, (string?)duplicate!["message"]);
        Assert.StartsWith("duplicate workflow 'a'", expected.Text, StringComparison.Ordinal);

        client.Notify("textDocument/didChange", new
        {
            textDocument = new { uri = Uri(first), version = 2 },
            contentChanges = new[] { new { text = fixedText.Replace("workflow a", "workflow b", StringComparison.Ordinal) } },
        });

        await client.DiagnosticsAsync(Uri(second), d => d.Count == 0, "the duplicate gone");
    }

    [Fact]
    public async Task ClosingADocument_FallsBackToTheFileOnDisk()
    {
        using var folder = new TempFolder();
        var clean = TwoJobs.Replace("tow", "two", StringComparison.Ordinal);
        var path = folder.Write("a.flow", clean);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        Open(client, path, TwoJobs);
        await client.DiagnosticsAsync(Uri(path), d => d.Count > 0, "the unsaved text's error");

        client.Notify("textDocument/didClose", new { textDocument = new { uri = Uri(path) } });

        await client.DiagnosticsAsync(Uri(path), d => d.Count == 0, "the clean file on disk");
    }

    [Fact]
    public async Task TheSettingsOfTheNearestOrchestratorJson_AreThoseTheFileCompilesWith()
    {
        using var folder = new TempFolder();
        // A one-off written without an offset is in the default zone: two hours from now in UTC, but, in a zone 14 hours
        // ahead, ten hours ago, which validate warns about. The script beside the workflows folder is allowed by Script:Roots.
        var local = DateTime.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "Workflows": "flows", "DefaultTimeZone": "Etc/GMT-14", "Script": { "Roots": [ "lib" ] } } }""");
        Directory.CreateDirectory(folder.File("flows"));
        Directory.CreateDirectory(folder.File("lib"));
        folder.Write("lib/helper.js", "return 42;");
        var text = $$"""
            workflow soon {
                schedule at "{{local}}"
                job one {
                    run file "../lib/helper.js"
                }
            }

            """;
        var path = folder.Write("flows/soon.flow", text);
        var expected = Assert.Single(await Validate.FolderAsync(folder.File("flows"), config));
        Assert.False(expected.IsError);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);

        Open(client, path, text);

        var warning = Assert.Single(await client.DiagnosticsAsync(Uri(path), d => d.Count > 0, "the one-off in the past"));
        Assert.Equal(expected.Text, (string?)warning!["message"]);
        Assert.Equal(2, (int)warning["severity"]!);
    }

    [Fact]
    public async Task ABrokenOrchestratorJson_IsAnErrorOnThatFile()
    {
        using var folder = new TempFolder();
        var config = folder.Write("orchestrator.json", """{ "Orchestrator": { "MaxParralelJobs": 4 } }""");
        var path = folder.Write("a.flow", TwoJobs);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);

        Open(client, path, TwoJobs);

        var error = Assert.Single(await client.DiagnosticsAsync(Uri(config), d => d.Count > 0, "the misspelt key"));
        Assert.Contains("MaxParralelJobs", (string?)error!["message"], StringComparison.Ordinal);
        Assert.Contains("MaxParallelJobs", (string?)error["message"], StringComparison.Ordinal);
    }
}
