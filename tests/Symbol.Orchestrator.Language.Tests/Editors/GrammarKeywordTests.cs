using System.Text.Json;
using System.Text.RegularExpressions;
using Symbol.Orchestrator.Language.Syntax;

namespace Symbol.Orchestrator.Language.Tests.Editors;

/// <summary>
/// The TextMate grammar's word lists against the language's own: a keyword added to <see cref="Keywords"/> or to the
/// Sprache grammar is highlighted, or this fails. The grammar's patterns are Oniguruma; these use only what .NET's
/// regular expressions read alike (look-arounds, classes, alternations).
/// </summary>
public sealed class GrammarKeywordTests
{
    private static readonly JsonElement Repository = ReadRepository();

    private static Regex Pattern(string rule) => new(Repository.GetProperty(rule).GetProperty("match").GetString()!);

    public static TheoryData<string> StatementKeywords() => [.. Keywords.WorkflowSettings.Concat(Keywords.JobSettings).Concat(["workflow", "job", "on"]).Distinct()];

    [Theory]
    [MemberData(nameof(StatementKeywords))]
    public void EveryStatementAndSettingKeyword_IsAGrammarKeyword(string keyword)
    {
        Assert.Equal(keyword, Pattern("keywords").Match($"    {keyword} x").Value);
    }

    [Fact]
    public void EveryWordTheParserTakesAsAKeyword_IsHighlighted()
    {
        // Every Tokens.Keyword("…") of the grammar: settings, and the words after them (cron, within, exponential, …).
        var source = File.ReadAllText(Path.Combine(RepositoryFolder.Path, "src", "Symbol.Orchestrator.Language", "Syntax", "FlowGrammar.cs"));
        var words = Regex.Matches(source, """Tokens\.Keyword\("(\w+)"\)""").Select(m => m.Groups[1].Value).Distinct().ToList();
        var highlighted = new[] { Pattern("keywords"), Pattern("modifiers"), Pattern("values") };

        Assert.True(words.Count > 20, $"found only {words.Count} keywords in FlowGrammar.cs");
        var missing = words.Where(word => !highlighted.Any(pattern => pattern.Match($" {word} x").Value == word)).ToList();
        Assert.True(missing.Count == 0, $"not highlighted as keywords: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("timeout -> run")]
    [InlineData("retries, job → b")]
    [InlineData("schedule,x -> y")]
    public void AKeywordFollowedByAnArrowOrAComma_IsAJobNameInEdges(string edges)
    {
        var keyword = Pattern("keywords").Match(edges);

        Assert.False(keyword.Success && keyword.Index == 0, $"'{keyword.Value}' in {edges} is taken as a keyword");
    }

    [Theory]
    [InlineData("250ms", true)]
    [InlineData("30s", true)]
    [InlineData("1h30m", true)]
    [InlineData("2d", true)]
    [InlineData("30sec", false)]
    [InlineData("10", false)]
    public void Durations_AreThoseOfTheLanguage(string text, bool duration)
    {
        Assert.Equal(duration, Pattern("durations").Match(text).Value == text);
    }

    private static JsonElement ReadRepository()
    {
        using var grammar = JsonDocument.Parse(File.ReadAllText(Path.Combine(VsCodeExtension.Folder, "syntaxes", "flow.tmLanguage.json")));
        return grammar.RootElement.GetProperty("repository").Clone();
    }
}
