using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Symbol.Orchestrator.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RunPageTests(DashboardHost host)
{
    [BrowserFact]
    public async Task ARun_ShowsItsGraph_OneNodePerJob_AndItsLogs()
    {
        var runId = await host.TriggerAsync("microservices");
        await using var page = await host.OpenAsync($"/runs/{Uri.EscapeDataString(runId)}");

        await Expect(page.Main.Locator(".run-head .badge")).ToHaveTextAsync("succeeded");
        var nodes = page.Main.Locator("svg.dag .node");
        await Expect(nodes).ToHaveCountAsync(3);
        await Expect(page.Main.Locator("svg.dag .edge")).ToHaveCountAsync(2);
        await Expect(page.Main.Locator("svg.dag .node.s-succeeded")).ToHaveCountAsync(3);

        await nodes.Filter(new() { HasText = "ingest" }).ClickAsync();
        var ingest = page.Main.Locator("details.job[data-job='ingest']");
        await Expect(ingest.Locator("pre.logs")).ToHaveTextAsync("ingested 2 events");
        await Expect(ingest.Locator("pre.output")).ToContainTextAsync("\"kind\": \"refund\"");
        page.AssertNothingWentWrong();
    }

    [BrowserFact]
    public async Task CancellingALongRun_EndsItCancelled()
    {
        var runId = await host.TriggerAsync("slow");
        await using var page = await host.OpenAsync($"/runs/{Uri.EscapeDataString(runId)}");
        await Expect(page.Main.Locator("details.job[data-job='wait'] > summary .badge")).ToHaveTextAsync("running");
        await Expect(page.Main.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeDisabledAsync();

        await page.Main.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel the run" }).ClickAsync();

        await Expect(page.Main.Locator(".run-head .badge")).ToHaveTextAsync("cancelled");
        await Expect(page.Main.Locator("svg.dag .node[data-job='wait']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("s-cancelled"));
        await Expect(page.Main.Locator("svg.dag .node[data-job='after']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("s-skipped"));
        await Expect(page.Main.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToBeDisabledAsync();
        await Expect(page.Main.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeEnabledAsync();
        page.AssertNothingWentWrong();
    }

    [BrowserFact]
    public async Task TheRunsPage_ShowsANewRunLive_WithItsStatus()
    {
        await using var page = await host.OpenAsync("/runs?workflow=nightly_etl");
        await Expect(page.Main.Locator("h1")).ToHaveTextAsync("Runs");
        await Expect(page.Page.Locator("#live")).ToHaveTextAsync("live");

        var runId = await host.TriggerAsync("nightly_etl");

        var row = page.Main.Locator($"tr[data-run-id='{runId}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("succeeded");
        await Expect(row).ToContainTextAsync("manual");
        await Expect(page.Main.Locator("tbody tr").First).ToHaveAttributeAsync("data-run-id", runId);
        page.AssertNothingWentWrong();
    }

    [BrowserFact]
    public async Task TheRunsPage_AfterLoadMore_CountsNewerRunsInsteadOfAddingThem_AndShowsThemOnAsk()
    {
        for (var k = 0; k < 55; k++)
            await host.TriggerAsync("quick");
        await using var page = await host.OpenAsync("/runs?workflow=quick");
        var rows = page.Main.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(page.Page.Locator("#live")).ToHaveTextAsync("live");

        await page.Main.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(55);
        var newest = await host.TriggerAsync("quick");

        // Someone reading older runs keeps their place: the new run is announced, not inserted above them.
        var newer = page.Main.GetByRole(AriaRole.Button, new() { Name = "1 newer run: show the newest" });
        await Expect(newer).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(55);
        await newer.ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-run-id", newest);
        await Expect(rows).ToHaveCountAsync(50);
        page.AssertNothingWentWrong();
    }
}
