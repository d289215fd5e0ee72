using Symbol.Orchestrator.Language.Editing;
using Symbol.Orchestrator.Language.Formatting;

namespace Symbol.Orchestrator.Language.Tests.Editing;

/// <summary>Every feature at every position of broken and odd files, and past their ends: answers, never throws.</summary>
public class EditingNeverThrowsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("workflow")]
    [InlineData("workflow {{{{ ```")]
    [InlineData("\0\u0001\uFFFF\"\r\n}}}")]
    [InlineData("workflow w { job a { run file \"")]
    [InlineData("workflow w {\r\n  schedule cron \"61 * * *\r\n  timezone \"Nowhere/At_All\"\r\n  a -> , -> b →\r\n  on faliure {\r\n}")]
    [InlineData("workflow w { params { \"a\": \"}\" \n job a { run ``` return 1;")]
    [InlineData("workflow w { schedule at \"2020-01-01T00:00\" schedule every 0s schedule \"x\" job a {run```\n```} a->a }")]
    public void Every_feature_answers_at_every_position(string text)
    {
        var outline = FlowOutline.Parse("odd.flow", text);
        var lines = text.Split('\n');
        for (int line = 0; line <= lines.Length + 1; line++)
            for (int column = 0; column <= (line >= 1 && line <= lines.Length ? lines[line - 1].Length + 2 : 2); column++)
            {
                var at = new FlowPosition(line, column);
                Assert.NotNull(FlowCompletion.At(outline, at, Compile.Options, _ => ["a.js"]));
                _ = FlowHover.At(outline, at, Compile.Options, Compile.Now);
                Assert.NotNull(FlowDefinition.At(outline, at, _ => true));
            }
        Assert.NotNull(FlowSymbols.Of(outline));
        var formatted = FlowFormatter.Format(text);
        if (outline.HasSyntaxErrors)
            Assert.Equal(text, formatted);
    }

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "Corpus", "workflows" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.flow").Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
        return data;
    }

    /// <summary>A file typed from its start: at the end of every prefix (what an editor asks while one types), every feature answers.</summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_feature_answers_at_the_end_of_every_prefix_of_a_real_file(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file));
        for (int cut = 0; cut <= text.Length; cut += Math.Max(1, text.Length / 400))
        {
            var prefix = text[..cut];
            var outline = FlowOutline.Parse(file, prefix);
            var lines = prefix.Split('\n');
            var end = new FlowPosition(lines.Length, lines[^1].Length + 1);
            Assert.True(outline.Contains(end));
            Assert.NotNull(FlowCompletion.At(outline, end, Compile.Options, _ => ["a.js"]));
            _ = FlowHover.At(outline, end, Compile.Options, Compile.Now);
            Assert.NotNull(FlowDefinition.At(outline, end, _ => false));
            // An editor rejects a symbol whose name lies outside its range.
            foreach (var symbol in FlowSymbols.Of(outline).SelectMany(w => w.Children.Prepend(w)))
                Assert.True(symbol.Range.Contains(symbol.SelectionRange.Start) && symbol.Range.Contains(symbol.SelectionRange.End), $"{symbol.Name} {symbol.Range} {symbol.SelectionRange}");
            Assert.Equal(FlowFormatter.Format(FlowFormatter.Format(prefix)), FlowFormatter.Format(prefix));
        }
    }
}
