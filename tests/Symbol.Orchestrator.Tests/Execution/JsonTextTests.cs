using System.Text.Json;
using Symbol.Orchestrator.Execution;

namespace Symbol.Orchestrator.Tests.Execution;

/// <summary>Scripts' JSON can hold "\ud800", which System.Text.Json reads but cannot write back: U+FFFD takes its place.</summary>
public sealed class JsonTextTests
{
    [Theory]
    [InlineData(@"""\ud800""", @"""\ufffd""")]
    [InlineData(@"[""a\udc00b"", ""\ud83d\ude00""]", @"[""a\ufffdb"", ""\ud83d\ude00""]")]
    [InlineData(@"{""\ud800"": ""\ud800\ud800\ude00""}", @"{""\ufffd"": ""\ufffd\ud800\ude00""}")]
    [InlineData(@"""\\ud800 is text""", @"""\\ud800 is text""")]
    public void LoneSurrogatesInJsonTextBecomeUFFFDAndPairsStay(string json, string expected)
    {
        var wellFormed = JsonText.WithoutLoneSurrogates(json);

        Assert.Equal(expected, wellFormed);
        using var document = JsonDocument.Parse(wellFormed);
        _ = JsonSerializer.Serialize(document.RootElement);   // throws InvalidOperationException on a lone surrogate
    }

    [Fact]
    public void ALoneSurrogateNotEscapedInJsonTextBecomesUFFFD()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate.
        var json = "\"raw " + (char)0xD800 + "\"";

        Assert.Equal("\"raw \ufffd\"", JsonText.WithoutLoneSurrogates(json));
    }
}
