using Symbol.Orchestrator.Lsp.Protocol;
using Symbol.Orchestrator.Lsp.Server;
using Range = Symbol.Orchestrator.Lsp.Protocol.Range;

namespace Symbol.Orchestrator.Lsp.Tests;

/// <summary>What the editor underlines for a diagnostic at a 1-based line and column: the token there, at least one character.</summary>
public sealed class DiagnosticRangeTests
{
    [Theory]
    [InlineData("    one -> tow\n", 1, 12, 0, 11, 0, 14)]                 // a name
    [InlineData("    timeout 5m\n", 1, 13, 0, 12, 0, 14)]                 // a duration
    [InlineData("    timezone \"Europe/Pariss\"\n", 1, 14, 0, 13, 0, 28)]   // a quoted string, quotes included
    [InlineData("    timezone \"a\\\"b\" x\n", 1, 14, 0, 13, 0, 19)]       // an escaped quote does not end it
    [InlineData("    timezone \"Europe\n", 1, 14, 0, 13, 0, 20)]           // unterminated: to the end of the line
    [InlineData("    one -> tow\n", 1, 9, 0, 8, 0, 10)]                   // an arrow
    [InlineData("    run ```\n", 1, 9, 0, 8, 0, 11)]                      // a script fence
    [InlineData("    { }\n", 1, 5, 0, 4, 0, 5)]                           // punctuation: one character
    [InlineData("workflow a {\n", 1, 13, 0, 12, 1, 0)]                    // at the end of a line: its line break
    [InlineData("workflow a {", 1, 13, 0, 11, 0, 12)]                     // at the end of the text: the last character
    [InlineData("workflow a {", 9, 1, 0, 11, 0, 12)]                      // a line past the end: the same
    [InlineData("a\r\nb x\r\n", 2, 3, 1, 2, 1, 3)]                         // CRLF lines
    [InlineData("", 1, 1, 0, 0, 0, 0)]                                    // an empty file: nothing to underline
    public void TheRange_CoversTheTokenAtThePosition(string text, int line, int column, int startLine, int startCharacter, int endLine, int endCharacter) =>
        Assert.Equal(new Range(new Position(startLine, startCharacter), new Position(endLine, endCharacter)), DiagnosticRange.Of(text, line, column));

    [Fact]
    public void WithoutTheText_OneCharacter() =>
        Assert.Equal(new Range(new Position(2, 4), new Position(2, 5)), DiagnosticRange.Of(null, 3, 5));
}
