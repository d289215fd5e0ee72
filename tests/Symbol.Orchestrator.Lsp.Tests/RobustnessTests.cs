using System.Text;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>Whatever a client sends, the server answers or logs, and goes on; it ends as the protocol says.</summary>
public sealed class RobustnessTests
{
    private const string Broken = "workflow a {\n    job one {\n        run ```\nreturn 1;\n```\n    }\n    one -> tow\n}\n";

    [Fact]
    public async Task BadRequestsAndNotifications_AreAnsweredOrLogged_AndTheServerGoesOn()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.flow", Broken);
        var uri = new Uri(path).AbsoluteUri;
        using var client = LspClient.Start();
        await client.InitializeAsync(folder.Path);
        var never = new Uri(folder.File("never-opened.flow")).AbsoluteUri;

        client.Notify("textDocument/didOpen", new { textDocument = new { uri = "not a uri", languageId = "flow", version = 1, text = Broken } });
        client.Notify("textDocument/didOpen", 42);
        client.Notify("textDocument/didChange", new { textDocument = new { uri = never, version = 2 }, contentChanges = new[] { new { text = "x" } } });
        client.Notify("textDocument/didClose", new { textDocument = new { uri = never } });
        client.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = "file:///no/such/folder/x.flow", type = 3 } } });
        client.Notify("$/setTrace", new { value = "off" });
        var unopened = await client.SendRequestAsync("textDocument/hover", new { textDocument = new { uri = never }, position = new { line = 0, character = 0 } });
        var unknown = await client.SendRequestAsync("no/such/method", new { });
        client.Notify("textDocument/didOpen", new { textDocument = new { uri, languageId = "flow", version = 1, text = Broken } });
        // A range far past the end is clamped to the end of the text: the text grows by a line.
        client.Notify("textDocument/didChange", new
        {
            textDocument = new { uri, version = 2 },
            contentChanges = new[] { new { range = new { start = new { line = 900, character = 5 }, end = new { line = 999, character = 99 } }, text = "# the end\n" } },
        });
        var pastTheEnd = await client.SendRequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line = 9999, character = 9999 } });

        Assert.True(unopened.ContainsKey("result") || unopened.ContainsKey("error"));
        Assert.True(pastTheEnd.ContainsKey("result") || pastTheEnd.ContainsKey("error"));
        Assert.True(unknown.ContainsKey("error"));
        var diagnostic = Assert.Single(await client.DiagnosticsAsync(uri, d => d.Count > 0, "the broken file's error, after all that"));
        Assert.Contains("'tow'", (string?)diagnostic!["message"], StringComparison.Ordinal);
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task AMessageThatIsNotJsonOrTooLarge_IsLogged_AndTheServerGoesOn()
    {
        using var client = LspClient.Start();
        await client.InitializeAsync();

        foreach (var garbage in new[] { "{ this is not json", "[1, 2]", """{"jsonrpc":"2.0","id":99}""", """{"jsonrpc":"2.0","method":"initialized","params":null}""" })
        {
            var bytes = Encoding.UTF8.GetBytes(garbage);
            client.SendRaw([.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes]);
        }
        // Larger than any message may be (64 MiB): skipped as it streams in, never held whole.
        var huge = new byte[65 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');
        client.SendRaw([.. Encoding.ASCII.GetBytes($"Content-Length: {huge.Length}\r\n\r\n"), .. huge]);

        await Wait.UntilAsync(() => client.Log.Contains("dropped a message of 68157440 bytes", StringComparison.Ordinal), "the huge message dropped, in the log", () => client.Log);
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task AnUntitledDocument_IsCheckedAlone()
    {
        using var client = LspClient.Start();
        await client.InitializeAsync();

        client.Notify("textDocument/didOpen", new { textDocument = new { uri = "untitled:Untitled-1", languageId = "flow", version = 1, text = Broken } });

        var diagnostic = Assert.Single(await client.DiagnosticsAsync("untitled:Untitled-1", d => d.Count > 0, "the unknown job"));
        Assert.Contains("'tow'", (string?)diagnostic!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitWithoutShutdown_ExitsOne()
    {
        using var client = LspClient.Start();
        await client.InitializeAsync();

        client.Notify("exit", null);

        Assert.Equal(1, client.WaitForExit());
    }

    [Fact]
    public async Task WhenTheEditorDies_StdinClosing_EndsTheServer()
    {
        using var client = LspClient.Start();
        await client.InitializeAsync();

        client.CloseInput();

        Assert.Equal(1, client.WaitForExit());
    }
}
