using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Symbol.Orchestrator.Tests.Testing;

/// <summary>The shared test kit's own promises, which every test project leans on.</summary>
public sealed class TestKitTests
{
    [Fact]
    public void TempFolder_WritesAndLists_AndIsGoneAfterDispose_WithEverythingInIt()
    {
        var folder = new TempFolder();
        var written = folder.Write("a.flow", "workflow a {}");
        Directory.CreateDirectory(folder.File("sub"));
        folder.Write(Path.Combine("sub", "b.flow"), "workflow b {}");

        Assert.Equal("workflow a {}", File.ReadAllText(written));
        Assert.Equal(["a.flow"], folder.Names());
        Assert.Equal([written, folder.File("sub"), folder.File(Path.Combine("sub", "b.flow"))], folder.Listing());

        folder.Dispose();
        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public async Task Wait_ReturnsOnceTheConditionHolds_SetOnAnotherThread()
    {
        var flag = 0;
        _ = Task.Run(async () =>
        {
            await Task.Yield();
            Volatile.Write(ref flag, 1);
        });
        Wait.Until(() => Volatile.Read(ref flag) >= 1, "the flag");
        Assert.Equal(1, Volatile.Read(ref flag));

        _ = Task.Run(() => Volatile.Write(ref flag, 2));
        await Wait.UntilAsync(() => Volatile.Read(ref flag) == 2, "the flag again");
        Assert.Equal(2, Volatile.Read(ref flag));
    }

    [Fact]
    public void LogLines_AreLevelAndMessage_InTheOrderLogged()
    {
        var logs = new FakeLogCollector();
        var logger = logs.Factory().CreateLogger("Host");

        logger.LogInformation("Started: {Count} workflows", 3);
        logger.LogWarning("Dropped fast");
        logger.LogTrace("below the debug level, not kept");

        Assert.Equal(["Information: Started: 3 workflows", "Warning: Dropped fast"], logs.Lines());
        Assert.True(logs.Any("Dropped"));
        Assert.False(logs.Any("not kept"));
    }
}
