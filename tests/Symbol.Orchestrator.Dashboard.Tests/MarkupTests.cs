using static Microsoft.Playwright.Assertions;

namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>Text from runs and files that looks like markup shows as text: no element is made of it, no script of it runs.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MarkupTests(DashboardHost host)
{
    [BrowserFact]
    public async Task OutputsLogsAndErrorsHoldingMarkup_ShowAsText()
    {
        var runId = await host.TriggerAsync("markup");
        await using var page = await host.OpenAsync($"/runs/{Uri.EscapeDataString(runId)}");
        await Expect(page.Main.Locator(".run-head .badge")).ToHaveTextAsync("failed");
        await page.Main.Locator("details.job[data-job='shout'] summary").ClickAsync();

        await Expect(page.Main.Locator("details.job[data-job='shout'] pre.output")).ToContainTextAsync("<script>alert('output')</script>");
        await Expect(page.Main.Locator("details.job[data-job='shout'] pre.logs")).ToHaveTextAsync("<img src=x onerror=alert('log')>");
        await Expect(page.Main.Locator("details.job[data-job='fail'] pre.error-text")).ToContainTextAsync("<img src=x onerror=alert('error')>");
        await AssertNoMarkupElementsAsync(page);
    }

    [BrowserFact]
    public async Task AFileNamedLikeMarkup_AndErrorsQuotingIt_ShowAsText()
    {
        await using var page = await host.OpenAsync("/");
        await Expect(page.Main.Locator("tr[data-workflow='markup']")).ToContainTextAsync(DashboardHost.MarkupFileName);
        await AssertNoMarkupElementsAsync(page);

        await page.GotoAsync("/problems");
        await Expect(page.Main.Locator("pre.diagnostics.errors")).ToContainTextAsync("broken.flow:2:5: unknown setting 'shedule'");
        await AssertNoMarkupElementsAsync(page);
    }

    private static async Task AssertNoMarkupElementsAsync(DashboardPage page)
    {
        Assert.Equal(0, await page.Main.Locator("img, script, b").CountAsync());
        page.AssertNothingWentWrong();
    }
}
