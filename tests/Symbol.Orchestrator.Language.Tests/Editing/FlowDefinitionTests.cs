using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowDefinitionTests
{
    private const string Text = "workflow w {\n    use file \"scripts/helpers.js\"\n    job extract { run ``` ``` }\n    job load { run file \"scripts/load.js\" }\n"
        + "    extract -> load, missing\n}";

    [Fact]
    public void A_job_name_in_an_edge_goes_to_the_job_declaration()
    {
        var (outline, position) = Cursor.In(Text.Replace("-> load", "-> lo$$ad", StringComparison.Ordinal));

        var location = Assert.Single(FlowDefinition.At(outline, position, _ => false));

        Assert.Equal("test.flow", location.Path);
        Assert.Equal(new FlowRange(new FlowPosition(4, 9), new FlowPosition(4, 13)), location.Range);
    }

    [Fact]
    public void An_unknown_job_in_an_edge_goes_nowhere()
    {
        var (outline, position) = Cursor.In(Text.Replace("missing", "miss$$ing", StringComparison.Ordinal));

        Assert.Empty(FlowDefinition.At(outline, position, _ => true));
    }

    [Theory]
    [InlineData("\"scripts/lo$$ad.js\"", "scripts/load.js")]
    [InlineData("\"scripts/hel$$pers.js\"", "scripts/helpers.js")]
    public void A_file_path_goes_to_the_file_when_it_exists(string marked, string relative)
    {
        var (outline, position) = Cursor.In(Text.Replace(marked.Replace("$$", "", StringComparison.Ordinal), marked, StringComparison.Ordinal));
        var full = Path.GetFullPath(relative);

        var location = Assert.Single(FlowDefinition.At(outline, position, path => path == full));

        Assert.Equal(full, location.Path);
        Assert.Equal(new FlowPosition(1, 1), location.Range.Start);
        Assert.Empty(FlowDefinition.At(outline, position, _ => false));
    }
}
