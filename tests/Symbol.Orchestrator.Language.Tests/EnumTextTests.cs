namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The one text of states and modes: the CLI's output and JSON, the host's log and the store's rows.</summary>
public sealed class EnumTextTests
{
    private enum Sample { Pending, TimedOut }

    [Theory]
    [InlineData(CatchupMode.None, "none")]
    [InlineData(CatchupMode.Latest, "latest")]
    [InlineData(CatchupMode.All, "all")]
    public void AValueReadsAsItsNameInLowerCase(CatchupMode mode, string expected) =>
        Assert.Equal(expected, EnumText.Name(mode));

    [Fact]
    public void EveryNameReadsBackAsItsValue()
    {
        foreach (var value in Enum.GetValues<Sample>())
        {
            Assert.True(EnumText.TryParse<Sample>(EnumText.Name(value), out var parsed));
            Assert.Equal(value, parsed);
        }
        Assert.Equal("timedout", EnumText.Name(Sample.TimedOut));
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("PENDING")]
    [InlineData("0")]
    [InlineData("")]
    public void OnlyTheExactLowerCaseNameParses(string text) =>
        Assert.False(EnumText.TryParse<Sample>(text, out _));

    [Fact]
    public void AValueOutsideTheEnumHasNoName() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnumText.Name((Sample)7));
}
