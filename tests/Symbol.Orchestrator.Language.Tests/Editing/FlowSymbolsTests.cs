using Symbol.Orchestrator.Language.Editing;

namespace Symbol.Orchestrator.Language.Tests.Editing;

public class FlowSymbolsTests
{
    [Fact]
    public void Workflows_hold_their_jobs_and_handlers_with_whole_and_name_ranges()
    {
        var outline = FlowOutline.Parse("x.flow", "workflow etl {\n    schedule cron \"0 2 * * *\"\n    job a {\n        run ``` ```\n    }\n    on exit { run ``` ``` }\n}\n"
            + "workflow manual { job b { run ``` ``` } }\n");

        var symbols = FlowSymbols.Of(outline);

        Assert.Equal(["etl", "manual"], symbols.Select(s => s.Name));
        var etl = symbols[0];
        Assert.Equal(FlowSymbolKind.Workflow, etl.Kind);
        Assert.Equal("cron \"0 2 * * *\"", etl.Detail);
        Assert.Equal("triggered only", symbols[1].Detail);
        Assert.Equal(new FlowRange(new FlowPosition(1, 1), new FlowPosition(7, 2)), etl.Range);
        Assert.Equal(new FlowRange(new FlowPosition(1, 10), new FlowPosition(1, 13)), etl.SelectionRange);
        Assert.Equal([("a", FlowSymbolKind.Job), ("on exit", FlowSymbolKind.Handler)], etl.Children.Select(c => (c.Name, c.Kind)));
        Assert.Equal(new FlowRange(new FlowPosition(3, 5), new FlowPosition(5, 6)), etl.Children[0].Range);
        Assert.Equal(new FlowRange(new FlowPosition(3, 9), new FlowPosition(3, 10)), etl.Children[0].SelectionRange);
    }
}
