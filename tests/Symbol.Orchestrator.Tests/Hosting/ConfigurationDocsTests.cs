using System.Collections;
using Microsoft.Extensions.Configuration;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>docs/configuration.md</c> and the bundled <c>orchestrator.json</c> stay complete: a setting added to
/// <see cref="OrchestratorOptions"/> is documented, and the bundled file shows it at its default.
/// </summary>
public sealed class ConfigurationDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "configuration.md"));
    // Not beside the tests as ./orchestrator.json, where every host a test builds without --config would read it.
    private static readonly string BundledFile = Path.Combine(AppContext.BaseDirectory, "bundled", "orchestrator.json");

    // Owner's default names this process (machine-name:pid), so the bundled file cannot write it down; Http:Token has
    // none, and a file holding one would put a secret in the repository.
    private static readonly string[] NotInTheBundledFile = ["Owner", "Http:Token"];

    [Fact]
    public void EverySettingHasARowInTheConfigurationPage()
    {
        var missing = OptionSettings.All().Select(s => s.Key).Where(key => !Doc.Contains($"| `{key}` |", StringComparison.Ordinal));

        Assert.Empty(missing);
    }

    [Fact]
    public void TheBundledOrchestratorJsonHoldsEverySettingAtItsDefault()
    {
        var file = new ConfigurationBuilder().AddJsonFile(BundledFile).Build().GetSection(OrchestratorOptions.Section);
        var bound = file.Get<OrchestratorOptions>()!;
        var defaults = new OrchestratorOptions();

        foreach (var (key, _, read) in OptionSettings.All().Where(s => !NotInTheBundledFile.Contains(s.Key)))
        {
            // An empty array is a key with no children, which the configuration does not keep: its parent must be there.
            Assert.True(file.GetSection(key).Exists() || read(defaults) is Array { Length: 0 } && file.GetSection(key[..key.LastIndexOf(':')]).Exists(),
                $"{key} is not in orchestrator.json");
            Assert.Equal((key, Text(read(defaults))), (key, Text(read(bound))));
        }
    }

    private static string Text(object? value) => value is IEnumerable items and not string ? $"[{string.Join(", ", items.Cast<object>())}]" : $"{value}";
}
