using Symbol.Orchestrator.Scripting;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>Errors and log lines a script controls are cut to a bounded length, with a note saying how much was cut.</summary>
public sealed class TextCapTests
{
    [Fact]
    public async Task AHugeError_KeepsItsStart_AndSaysHowMuchWasCut()
    {
        using var sandbox = new Sandbox();

        var error = await sandbox.ErrorAsync("throw new Error('E'.repeat(100000));");

        // "Error: " + 100,000 E + " (at test.flow:1)" is 100,024 characters; the first 4,096 are kept.
        Assert.Equal(AttemptResult.MaxErrorChars + "… [cut 95,928 characters]".Length, error.Length);
        Assert.StartsWith("Error: EEEE", error);
        Assert.EndsWith("E… [cut 95,928 characters]", error);
    }

    [Fact]
    public void AnErrorFromAnyRunner_IsCapped()
    {
        var result = AttemptResult.Failure(new string('x', 10_000), []);

        Assert.Equal(new string('x', AttemptResult.MaxErrorChars) + "… [cut 5,904 characters]", result.Error);
    }

    [Fact]
    public async Task AHugeLogLine_IsCut_AndLaterLinesAreKept()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("log('L'.repeat(2 * 1024 * 1024)); log('after'); console.warn('still here'); return 1;");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Logs.Count);
        Assert.EndsWith($"L… [cut {2 * 1024 * 1024 - 16 * 1024:N0} characters]", result.Logs[0]);
        Assert.Equal(["after", "warn: still here"], result.Logs.Skip(1));
    }

    [Fact]
    public void ASurrogatePair_IsNeverSplit()
    {
        var text = new string('a', 9) + "😀" + "bbbb";

        Assert.Equal(new string('a', 9) + "… [cut 6 characters]", TextCap.Cut(text, 10));
    }
}
