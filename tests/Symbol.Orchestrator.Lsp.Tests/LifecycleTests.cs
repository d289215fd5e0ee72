namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>The server's lifecycle over real stdio: the handshake, and how it ends.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_AnnouncesEveryFeature_AndShutdownThenExit_ExitsZero()
    {
        using var client = LspClient.Start();

        var result = await client.InitializeAsync();

        var capabilities = result["capabilities"]!;
        Assert.True((bool)capabilities["textDocumentSync"]!["openClose"]!);
        Assert.Equal(2, (int)capabilities["textDocumentSync"]!["change"]!);
        Assert.NotNull(capabilities["textDocumentSync"]!["save"]);
        var triggers = capabilities["completionProvider"]!["triggerCharacters"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains("\"", triggers);
        Assert.Contains(">", triggers);
        Assert.Contains(" ", triggers);
        Assert.True((bool)capabilities["hoverProvider"]!);
        Assert.True((bool)capabilities["definitionProvider"]!);
        Assert.True((bool)capabilities["documentSymbolProvider"]!);
        Assert.True((bool)capabilities["documentFormattingProvider"]!);
        Assert.Equal("orchestrator", (string?)result["serverInfo"]!["name"]);
        Assert.False(string.IsNullOrEmpty((string?)result["serverInfo"]!["version"]));
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task TheStdioFlagThatSomeClientsAdd_IsAccepted()
    {
        using var client = LspClient.Start(null, "--stdio");

        await client.InitializeAsync();

        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }
}
