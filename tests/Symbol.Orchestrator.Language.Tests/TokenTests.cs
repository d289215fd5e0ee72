using Sprache;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>The hand-written token parsers: what they read, where they stop, and what they say when the text is wrong.</summary>
public sealed class TokenTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"a \\\"quoted\\\" word\"", "a \"quoted\" word")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"line\\nbreak\"", "line\nbreak")]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"\\u00e9t\\u00E9\"", "été")]
    [InlineData("\"\"", "")]
    [InlineData("\"Europe/Berlin\" # trailing comment", "Europe/Berlin")]
    public void StringLiteral_AppliesEscapes(string text, string value)
    {
        var result = Tokens.StringLiteral(new FlowInput(text));
        Assert.True(result.WasSuccessful);
        Assert.Equal(value, result.Value.Value);
        Assert.True(result.Remainder.AtEnd);
    }

    [Theory]
    [InlineData("\"bad \\q escape\"", 6, "invalid escape '\\q' in string: use \\\", \\\\, \\n, \\t or \\uXXXX")]
    [InlineData("\"short \\u12\"", 8, "invalid escape in string: \\u needs four hex digits, as in \\u00e9")]
    [InlineData("\"no end", 1, "unterminated string: no closing '\"' on this line")]
    [InlineData("\"no end\nnext line\"", 1, "unterminated string: no closing '\"' on this line")]
    public void StringLiteral_ReportsMistakesWhereTheyAre(string text, int column, string message)
    {
        var result = Tokens.StringLiteral(new FlowInput(text));
        Assert.False(result.WasSuccessful);
        Assert.Equal(column, result.Remainder.Column);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1h1m1s1ms", 3_661_001)]
    [InlineData("0s", 0)]
    public void Duration_AddsItsParts(string text, long milliseconds)
    {
        var result = Tokens.Duration(new FlowInput(text));
        Assert.True(result.WasSuccessful, result.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), result.Value.Value);
        Assert.Equal(text, result.Value.Raw);
    }

    [Theory]
    [InlineData("10", "malformed duration '10': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m")]
    [InlineData("30sec", "malformed duration '30sec': units are ms, s, m, h and d, as in 250ms, 30s or 1h30m")]
    [InlineData("1h30", "malformed duration '1h30': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m")]
    [InlineData("5w", "malformed duration '5w': each number needs a unit ms, s, m, h or d, as in 250ms, 30s or 1h30m")]
    [InlineData("9999999999999d", "duration 9999999999999d is too large")]
    public void Duration_RejectsMalformedText(string text, string message)
    {
        var result = Tokens.Duration(new FlowInput(text));
        Assert.False(result.WasSuccessful);
        Assert.Equal(message, result.Message);
        Assert.Equal(1, result.Remainder.Column);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("2147483647", int.MaxValue)]
    public void Integer_ReadsWholeNumbers(string text, int value) =>
        Assert.Equal(value, Tokens.Integer(new FlowInput(text)).Value.Value);

    [Theory]
    [InlineData("2147483648", "number 2147483648 is too large")]
    [InlineData("3x", "expected a whole number, found '3x'")]
    public void Integer_RejectsWhatIsNotAnInt(string text, string message) =>
        Assert.Equal(message, Tokens.Integer(new FlowInput(text)).Message);

    [Fact]
    public void ScriptBlock_KeepsCodeByteForByte_AndWhereItStarts()
    {
        const string text = "```\n  const a = `x`;\r\n\treturn a;\n```  next";
        var result = Tokens.ScriptBlock(new FlowInput(text));
        Assert.Equal("\n  const a = `x`;\r\n\treturn a;\n", result.Value.Code);
        Assert.Equal(new TextPos(1, 4), result.Value.CodePos);
        Assert.Equal((4, 6), (result.Remainder.Line, result.Remainder.Column));
    }

    [Fact]
    public void ScriptBlock_Unterminated_IsAnErrorAtTheOpeningFence()
    {
        var result = Tokens.ScriptBlock(new FlowInput("```\nreturn 1;\n``"));
        Assert.False(result.WasSuccessful);
        Assert.Equal((1, 1), (result.Remainder.Line, result.Remainder.Column));
        Assert.Equal("unterminated script block: no closing ``` for the ``` opened here", result.Message);
    }

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("{ \"a\": { \"b\": [1, {}] } } tail", "{ \"a\": { \"b\": [1, {}] } }")]
    [InlineData("{ \"brace in string\": \"}\" }", "{ \"brace in string\": \"}\" }")]
    [InlineData("{ \"escaped quote\": \"\\\"}\" }", "{ \"escaped quote\": \"\\\"}\" }")]
    public void JsonObject_FindsTheMatchingBrace(string text, string json) =>
        Assert.Equal(json, Tokens.JsonObject(new FlowInput(text)).Value.Text);

    [Theory]
    [InlineData("->", true)]
    [InlineData("→", true)]
    [InlineData("-", false)]
    [InlineData(">", false)]
    public void Arrow_AcceptsBothSpellings(string text, bool isArrow) =>
        Assert.Equal(isArrow, Tokens.Arrow(new FlowInput(text)).WasSuccessful);

    [Theory]
    [InlineData("job a", true)]
    [InlineData("jobs", false)]
    [InlineData("job -> a", false)]
    [InlineData("job, a -> b", false)]
    public void Keyword_IsAWholeWord_NotFollowedByAnArrow(string text, bool matches) =>
        Assert.Equal(matches, Tokens.Keyword("job")(new FlowInput(text)).WasSuccessful);

    [Theory]
    [InlineData("  # comment\n// another\n\t x", 3, 3)]
    [InlineData("\uFEFFx", 1, 2)]
    [InlineData("#only a comment", 1, 16)]
    public void Trivia_SkipsSpaceAndBothCommentStyles(string text, int line, int column)
    {
        var result = Tokens.Trivia(new FlowInput(text));
        Assert.Equal((line, column), (result.Remainder.Line, result.Remainder.Column));
    }

    [Fact]
    public void Tokens_ThatDoNotStartHere_FailWithoutConsuming()
    {
        var input = new FlowInput("}");
        foreach (var failure in new IResult<object>[]
        {
            Tokens.StringLiteral(input), Tokens.Duration(input), Tokens.Integer(input),
            Tokens.ScriptBlock(input), Tokens.JsonObject(input), Tokens.Name("a name")(input),
        })
        {
            Assert.False(failure.WasSuccessful);
            Assert.Same(input, failure.Remainder);
            Assert.NotEmpty(failure.Expectations);
        }
    }
}
