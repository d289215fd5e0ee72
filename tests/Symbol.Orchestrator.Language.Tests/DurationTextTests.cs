namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The one duration format: run times in the CLI, a script's timeout in its error, a catch-up window in <c>preview</c>.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(250, "250ms")]
    [InlineData(2_000, "2s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(86_400_000, "1d")]
    [InlineData(90_061_001, "1d1h1m1s1ms")]
    [InlineData(3_240, "3s240ms")]
    public void ADurationReadsAsAFlowFileWritesIt(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ZeroAndAnythingUnderHalfAMillisecondIs0ms()
    {
        Assert.Equal("0ms", DurationText.Format(TimeSpan.Zero));
        Assert.Equal("0ms", DurationText.Format(TimeSpan.FromTicks(4_999)));
        Assert.Equal("0ms", DurationText.Format(TimeSpan.FromSeconds(-3)));
        Assert.Equal("0ms", DurationText.Format(TimeSpan.MinValue));
    }

    [Fact]
    public void ADurationIsRoundedToTheNearestMillisecondAsDurationMsIs()
    {
        Assert.Equal("1ms", DurationText.Format(TimeSpan.FromTicks(6_000)));
        Assert.Equal("12ms", DurationText.Format(TimeSpan.FromTicks(123_999)));
        Assert.Equal("1s", DurationText.Format(TimeSpan.FromTicks(9_996_000)));
    }

    [Fact]
    public void TheLargestDurationHasATextToo() =>
        Assert.Equal("10675199d2h48m5s477ms", DurationText.Format(TimeSpan.MaxValue));
}
