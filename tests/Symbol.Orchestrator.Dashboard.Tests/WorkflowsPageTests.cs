using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Symbol.Orchestrator.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class WorkflowsPageTests(DashboardHost host)
{
    [BrowserFact]
    public async Task TheBundledWorkflowsAreListed_WithTheirScheduleInWordsAndAsWritten()
    {
        await using var page = await host.OpenAsync("/");

        foreach (var name in new[] { "microservices", "nightly_etl", "daily_report", "weekly_summary" })
            await Expect(Row(page, name)).ToBeVisibleAsync();
        await Expect(Row(page, "nightly_etl")).ToContainTextAsync("cron \"0 2 * * *\"");
        await Expect(Row(page, "nightly_etl")).ToContainTextAsync("America/New_York");
        await Expect(page.Main.Locator(".callout.error")).ToContainTextAsync("1 error in 1 file"); // broken.flow
        page.AssertNothingWentWrong();
    }

    [BrowserFact]
    public async Task TriggeringFromTheForm_ShowsTheRunTurningGreen_WithoutAReload()
    {
        await using var page = await host.OpenAsync("/");
        await page.Page.EvaluateAsync("() => window.sameDocument = true");

        await Row(page, "daily_report").GetByRole(AriaRole.Button, new() { Name = "Trigger daily_report" }).ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Param name").FillAsync("format");
        await dialog.GetByLabel("Param value").FillAsync("text");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Trigger", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Open the run" }).ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/daily_report%40manual-"));
        await Expect(page.Main.Locator(".run-head .badge")).ToHaveTextAsync("succeeded");
        await Expect(page.Main.Locator("details.job[data-job='send'] > summary .badge")).ToHaveTextAsync("succeeded");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        page.AssertNothingWentWrong();
    }

    [BrowserFact]
    public async Task APausedWorkflow_StaysPausedAfterAReload()
    {
        await using var page = await host.OpenAsync("/");
        var toggle = Row(page, "weekly_summary").GetByRole(AriaRole.Switch);
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "false");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        await page.Page.ReloadAsync();

        await Expect(Row(page, "weekly_summary").GetByRole(AriaRole.Switch)).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(Row(page, "weekly_summary")).ToContainTextAsync("skipped while paused");
        page.AssertNothingWentWrong();
    }

    private static ILocator Row(DashboardPage page, string workflow) => page.Main.Locator($"tr[data-workflow='{workflow}']");
}
