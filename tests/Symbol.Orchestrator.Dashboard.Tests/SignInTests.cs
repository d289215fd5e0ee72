using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Symbol.Orchestrator.Dashboard.Tests;

/// <summary>A host with <c>Http:Token</c>: the dashboard asks for the token once, and the cookie carries the rest.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardHost host)
{
    [BrowserFact]
    public async Task AHostWithAToken_AsksForItOnce_ThenReadsAndChanges()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("workflows"));
        folder.Write("workflows/hello.flow", "workflow hello {\n    schedule cron \"0 3 * * *\"\n    job greet { run ``` return 1; ``` }\n}\n");
        var config = folder.Write("orchestrator.json", JsonSerializer.Serialize(new
        {
            Orchestrator = new { Workflows = folder.File("workflows"), State = folder.File("state.db"), Data = folder.File("data") },
        }));
        using var tokenHost = HostProcess.Start(new Dictionary<string, string> { ["ORCHESTRATOR_Http__Token"] = "s3cret-token" },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "run", "--config", config);
        await using var page = await host.OpenAsync(new Uri(tokenHost.Url), "/");

        var dialog = page.Page.GetByRole(AriaRole.Dialog, new() { Name = "Sign in" });
        await dialog.GetByLabel("Token").FillAsync("wrong");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        await dialog.GetByLabel("Token").FillAsync("s3cret-token");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        var toggle = page.Main.Locator("tr[data-workflow='hello']").GetByRole(AriaRole.Switch);
        await toggle.ClickAsync(); // a POST: the cookie and the anti-forgery header together
        await Expect(toggle).ToHaveAttributeAsync("aria-checked", "true");
        await page.Page.ReloadAsync();
        await Expect(page.Main.Locator("tr[data-workflow='hello']").GetByRole(AriaRole.Switch)).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("#live")).ToHaveTextAsync("live");
        page.AssertNothingWentWrong(allowFailedRequests: true);
    }
}
