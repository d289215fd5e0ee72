namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>The folder around the open documents: typing in order, files created, deleted and saved outside the editor.</summary>
public sealed class FolderTests
{
    private const string Clean = "workflow a {\n    job one {\n        run ```\nreturn 1;\n```\n    }\n}\n";

    private static string Uri(string path) => new Uri(path).AbsoluteUri;

    [Fact]
    public async Task TypingCharacterByCharacter_EndsOnTheLastVersionsDiagnostics_NeverAnOlderOneAfter()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.flow", Clean);
        var uri = Uri(path);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        client.Notify("textDocument/didOpen", new { textDocument = new { uri, languageId = "flow", version = 1, text = Clean } });

        // Type "    one -> tw" on a new line before the closing brace, one character a message: an edge to an unknown job
        // at each step from "t" on, then "two", unknown too: the last version's diagnostic names 'tw'.
        var typed = "    one -> tw\n";
        var line = 6;
        var character = 0;
        for (int k = 0; k < typed.Length; k++)
        {
            var at = new { line, character };
            client.Notify("textDocument/didChange", new
            {
                textDocument = new { uri, version = k + 2 },
                contentChanges = new[] { new { range = new { start = at, end = at }, text = typed[k].ToString() } },
            });
            (line, character) = typed[k] == '\n' ? (line + 1, 0) : (line, character + 1);
        }
        int last = typed.Length + 1;

        await Wait.UntilAsync(() => client.Notifications("textDocument/publishDiagnostics")
            .Any(n => (string?)n["params"]!["uri"] == uri && (int?)n["params"]!["version"] == last), $"diagnostics of version {last}", () => client.Log);
        var diagnostic = Assert.Single(client.LatestDiagnostics(uri)!);
        Assert.Contains("'tw'", (string?)diagnostic!["message"], StringComparison.Ordinal);
        Assert.Equal((6, 11), ((int)diagnostic["range"]!["start"]!["line"]!, (int)diagnostic["range"]!["start"]!["character"]!));
        var versions = client.Notifications("textDocument/publishDiagnostics").Where(n => (string?)n["params"]!["uri"] == uri)
            .Select(n => (int)n["params"]!["version"]!).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task FilesCreatedAndDeletedOnDisk_AreSeen_WhenTheClientSaysSo()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.flow", Clean);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        client.Notify("textDocument/didOpen", new { textDocument = new { uri = Uri(path), languageId = "flow", version = 1, text = Clean } });

        var copy = folder.Write("b.flow", Clean);
        client.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Uri(copy), type = 1 } } });

        var duplicate = Assert.Single(await client.DiagnosticsAsync(Uri(copy), d => d.Count > 0, "the new file's duplicate name"));
        Assert.StartsWith("duplicate workflow 'a'", (string?)duplicate!["message"], StringComparison.Ordinal);

        File.Delete(copy);
        client.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Uri(copy), type = 3 } } });

        await client.DiagnosticsAsync(Uri(copy), d => d.Count == 0, "cleared when the file is deleted");
    }

    [Fact]
    public async Task SavingAScript_ChecksTheWorkflowsThatRunItAgain()
    {
        using var folder = new TempFolder();
        folder.Write("helper.js", "return 1;");
        var text = "workflow a {\n    job one {\n        run file \"helper.js\"\n    }\n}\n";
        var path = folder.Write("a.flow", text);
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        client.Notify("textDocument/didOpen", new { textDocument = new { uri = Uri(path), languageId = "flow", version = 1, text } });
        var script = folder.Write("helper.js", "return (;");

        client.Notify("textDocument/didSave", new { textDocument = new { uri = Uri(script) } });

        await Wait.UntilAsync(() => (client.LatestDiagnostics(Uri(path))?.Count ?? 0) + (client.LatestDiagnostics(Uri(script))?.Count ?? 0) > 0,
            "the script's syntax error, on the .flow file or the script", () => client.Log);
    }
}
