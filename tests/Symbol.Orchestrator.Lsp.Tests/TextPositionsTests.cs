using Symbol.Orchestrator.Lsp.Protocol;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>LSP positions (0-based, UTF-16) to offsets and back, over every kind of line break, clamped, never thrown.</summary>
public sealed class TextPositionsTests
{
    [Theory]
    [InlineData("ab\ncd", 0, 0, 0)]
    [InlineData("ab\ncd", 0, 2, 2)]
    [InlineData("ab\ncd", 1, 1, 4)]
    [InlineData("ab\r\ncd", 1, 0, 4)]
    [InlineData("ab\rcd", 1, 1, 4)]
    [InlineData("ab\n\ncd", 2, 0, 4)]
    [InlineData("ab\ncd", 0, 99, 2)]     // past the end of its line: the line's end, not the next line
    [InlineData("ab\r\ncd", 0, 99, 2)]   // not between \r and \n
    [InlineData("ab\ncd", 7, 0, 5)]      // past the last line: the end of the text
    [InlineData("ab\ncd", -1, -4, 0)]
    [InlineData("", 0, 0, 0)]
    [InlineData("a😀b", 0, 3, 3)]        // the emoji is two UTF-16 code units, as LSP counts them
    public void OffsetOf_CountsLinesAndUtf16Units_AndClamps(string text, int line, int character, int offset) =>
        Assert.Equal(offset, TextPositions.OffsetOf(text, new Position(line, character)));

    [Theory]
    [InlineData("ab\ncd", 4, 1, 1)]
    [InlineData("ab\r\ncd", 4, 1, 0)]
    [InlineData("ab\r\ncd", 3, 0, 2)]    // between \r and \n: still the end of the first line
    [InlineData("ab\rcd", 3, 1, 0)]
    [InlineData("ab", 99, 0, 2)]
    public void PositionOf_IsTheInverse(string text, int offset, int line, int character) =>
        Assert.Equal(new Position(line, character), TextPositions.PositionOf(text, offset));

    [Fact]
    public void SourcePositions_AreOneBased_LspPositionsZeroBased()
    {
        Assert.Equal(new Position(0, 0), TextPositions.FromSource(1, 1));
        Assert.Equal(new Position(7, 11), TextPositions.FromSource(8, 12));
        Assert.Equal((8, 12), TextPositions.ToSource(new Position(7, 11)));
    }
}
