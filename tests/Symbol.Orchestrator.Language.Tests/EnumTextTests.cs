namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The one text of states and modes: the CLI's output and JSON, the host's log and the store's rows.</summary>
public sealed class EnumTextTests
{
    private enum Sample { Pending, TimedOut }

    [Theory]
    [InlineData(CatchupMode.None, "none")]
    [InlineData(CatchupMode.Latest, "latest")]
    [InlineData(CatchupMode.All, "all")]
    public void A_value_reads_as_its_name_in_lower_case(CatchupMode mode, string expected) =>
        Assert.Equal(expected, EnumText.Name(mode));

    [Fact]
    public void Every_name_reads_back_as_its_value()
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
    public void Only_the_exact_lower_case_name_parses(string text) =>
        Assert.False(EnumText.TryParse<Sample>(text, out _));

    [Fact]
    public void A_value_outside_the_enum_has_no_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnumText.Name((Sample)7));
}
