using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>orchestrator.schema.json</c>, which editors use to complete and check <c>orchestrator.json</c>, against the
/// settings the host binds: the same keys both ways, each one binding, the same defaults, and the files the repository
/// ships valid under it.
/// </summary>
public sealed class SettingsSchemaTests
{
    // Owner's default names the process (machine-name:pid); Http:Token and Telemetry:Otlp:Endpoint have none.
    private static readonly string[] WithoutADefault = ["Owner", "Http:Token", "Telemetry:Otlp:Endpoint"];

    [Fact]
    public void EverySettingOfTheOptions_IsInTheSchema()
    {
        var listed = SettingsSchema.Settings.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        var missing = OptionSettings.All().Select(s => s.Key).Where(key => !listed.Contains(key)).ToList();
        Assert.True(missing.Count == 0, $"not in orchestrator.schema.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryKeyTheSchemaLists_IsASettingOfTheOptions()
    {
        var settings = OptionSettings.All().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        var unknown = SettingsSchema.Settings.Select(s => s.Key).Where(key => !settings.Contains(key)).ToList();
        Assert.True(unknown.Count == 0, $"in orchestrator.schema.json but no setting of OrchestratorOptions: {string.Join(", ", unknown)}");
    }

    public static TheoryData<string> SchemaKeys() => [.. SettingsSchema.Settings.Select(s => s.Key)];

    [Theory]
    [MemberData(nameof(SchemaKeys))]
    public void EveryKeyTheSchemaLists_BindsAValueOfItsType_ThatReadsBack(string key)
    {
        var (value, expected) = NonDefaultValue(Definition(key), Setting(key).Read(new OrchestratorOptions()));
        var file = Document(key, value);
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(file))).Build().GetSection(OrchestratorOptions.Section);

        Assert.Empty(SettingsSchema.Problems(file));
        Assert.Empty(SettingKeys.Unknown(section));
        Assert.Equal(Text(expected), Text(Setting(key).Read(section.Get<OrchestratorOptions>()!)));
    }

    [Theory]
    [MemberData(nameof(SchemaKeys))]
    public void EachDefaultOfTheSchema_IsTheOptionsDefault(string key)
    {
        var definition = Definition(key);
        if (!definition.TryGetProperty("default", out var schemaDefault))
        {
            Assert.Contains(key, WithoutADefault);
            return;
        }
        var setting = Setting(key);

        Assert.Equal(Text(setting.Read(new OrchestratorOptions())), Text(Typed(schemaDefault, setting.Type)));
    }

    [Fact]
    public void TheBundledOrchestratorJson_NamesTheSchema_AndFollowsIt()
    {
        var bundled = File.ReadAllText(Path.Combine(RepositoryFolder.Path, "orchestrator.json"));

        Assert.Equal("./orchestrator.schema.json", JsonNode.Parse(bundled)!["$schema"]!.GetValue<string>());
        Assert.Empty(SettingsSchema.Problems(bundled));
    }

    public static TheoryData<string, string> DocumentedSettingsFiles()
    {
        var files = new TheoryData<string, string>();
        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryFolder.Path, "docs"), "*.md").Append(Path.Combine(RepositoryFolder.Path, "README.md")))
            foreach (Match block in Regex.Matches(File.ReadAllText(page), "```json\n(.*?)\n```", RegexOptions.Singleline))
                if (block.Groups[1].Value.Contains("\"Orchestrator\"", StringComparison.Ordinal))
                    files.Add(Path.GetFileName(page), block.Groups[1].Value);
        foreach (var file in Directory.EnumerateFiles(RepositoryFolder.Path, "orchestrator.json", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains("node_modules", StringComparison.Ordinal)))
            files.Add(Path.GetRelativePath(RepositoryFolder.Path, file), File.ReadAllText(file));
        return files;
    }

    [Theory]
    [MemberData(nameof(DocumentedSettingsFiles))]
    public void EverySettingsFileTheRepositoryShows_FollowsTheSchema(string where, string json)
    {
        Assert.True(SettingsSchema.Problems(json).Count == 0, $"{where}: {string.Join("; ", SettingsSchema.Problems(json))}");
    }

    [Theory]
    [InlineData("""{ "Orchestrator": { "MaxParallelJobs": "eight" } }""", "/Orchestrator/MaxParallelJobs")]
    [InlineData("""{ "Orchestrator": { "MaxParallelJobs": 0 } }""", "/Orchestrator/MaxParallelJobs")]
    [InlineData("""{ "Orchestrator": { "MaxParralelJobs": 8 } }""", "/Orchestrator/MaxParralelJobs")]
    [InlineData("""{ "Orchestrator": { "Script": { "Timout": "00:00:05" } } }""", "/Orchestrator/Script/Timout")]
    [InlineData("""{ "Orchestrator": { "ShutdownGrace": "10s" } }""", "/Orchestrator/ShutdownGrace")]
    [InlineData("""{ "Orchestrator": { "Telemetry": { "Otlp": { "Protocol": "http" } } } }""", "/Orchestrator/Telemetry/Otlp/Protocol")]
    [InlineData("""{ "Orchestrator": { "Http": { "Enabled": "yes" } } }""", "/Orchestrator/Http/Enabled")]
    [InlineData("""{ "Orchestrator": { "Script": { "Roots": [""] } } }""", "/Orchestrator/Script/Roots/0")]
    [InlineData("""{ "Orchestrator": {}, "Http": { "Urls": "http://127.0.0.1:8687" } }""", "/Http")]
    public void AValueTheHostRefuses_BreaksTheSchema_AtItsKey(string json, string location)
    {
        var problems = SettingsSchema.Problems(json);

        Assert.True(problems.Any(p => p.StartsWith(location + ":", StringComparison.Ordinal)), $"no problem at '{location}' among: {string.Join("; ", problems)}");
    }

    [Fact]
    public void LoggingAndTheSchemaLine_AreAllowedBesideTheSettings()
    {
        Assert.Empty(SettingsSchema.Problems("""
            { "$schema": "./orchestrator.schema.json", "Orchestrator": {}, "Logging": { "LogLevel": { "Default": "Warning" }, "Console": { "FormatterName": "json" } } }
            """));
    }

    // The configuration binder reads a TimeSpan with TimeSpan.Parse (invariant culture); the schema's pattern takes no
    // text it refuses. It refuses a little the binder takes: an hour past 23, which the binder reads as days ("25:00:00"
    // is 25 days), surely a mistake in a file.
    [Theory]
    [InlineData("00:00:10", true)]
    [InlineData("00:00:00.300", true)]
    [InlineData("00:00:00.001", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("1.02:03", true)]
    [InlineData("01:30", true)]
    [InlineData("1:2:3", true)]
    [InlineData("1:02:03:04", true)]
    [InlineData("10", true)]
    [InlineData("-00:00:01", true)]
    [InlineData("00:00:00.0000001", true)]
    [InlineData("25:00:00", false)]
    [InlineData("10s", false)]
    [InlineData("1h30m", false)]
    [InlineData("00:60:00", false)]
    [InlineData("00:00:60", false)]
    [InlineData("00:00:10.", false)]
    [InlineData("", false)]
    public void TheSchemasDurationPattern_TakesOnlyWhatTheBinderReads(string text, bool accepted)
    {
        var pattern = new Regex(Definition("ShutdownGrace").GetProperty("pattern").GetString()!);

        Assert.Equal(accepted, pattern.IsMatch(text));
        if (accepted)
            Assert.True(TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _), $"the binder refuses {text}");
    }

    [Fact]
    public void TheVsCodeExtensionShipsTheSameSchema()
    {
        var shipped = Path.Combine(RepositoryFolder.Path, "editors", "vscode", "orchestrator.schema.json");

        Assert.True(File.ReadAllText(shipped) == File.ReadAllText(SettingsSchema.FilePath),
            "editors/vscode/orchestrator.schema.json differs from orchestrator.schema.json: copy it over (cp orchestrator.schema.json editors/vscode/)");
    }

    private static JsonElement Definition(string key) => SettingsSchema.Settings.Single(s => s.Key == key).Definition;

    private static OptionSetting Setting(string key) => OptionSettings.All().Single(s => s.Key == key);

    // A value unlike the default, as JSON for the file and as the options should read it.
    private static (JsonNode Value, object Expected) NonDefaultValue(JsonElement definition, object? current)
    {
        string type = definition.GetProperty("type").GetString()!;
        if (type == "integer")
            return (JsonValue.Create((int)current! + 3), (int)current! + 3);
        if (type == "boolean")
            return (JsonValue.Create(!(bool)current!), !(bool)current!);
        if (type == "array")
            return (new JsonArray("first", "second"), new[] { "first", "second" });
        if (definition.TryGetProperty("enum", out var choices))
        {
            var other = choices.EnumerateArray().Select(c => c.GetString()!).First(c => c != (string?)current);
            return (JsonValue.Create(other), other);
        }
        if (definition.TryGetProperty("pattern", out _))
            return (JsonValue.Create("01:02:03"), new TimeSpan(1, 2, 3));
        return (JsonValue.Create("not-the-default"), "not-the-default");
    }

    // { "Orchestrator": { "Script": { "Timeout": value } } } for the key Script:Timeout.
    private static string Document(string key, JsonNode value)
    {
        var parts = key.Split(':');
        JsonNode node = value;
        foreach (var part in parts.Reverse())
            node = new JsonObject { [part] = node };
        return new JsonObject { [OrchestratorOptions.Section] = node }.ToJsonString();
    }

    private static object? Typed(JsonElement value, Type type) =>
        type == typeof(TimeSpan) ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : type == typeof(string[]) ? value.EnumerateArray().Select(e => e.GetString()).ToArray()
        : value.Deserialize(type);

    private static string Text(object? value) => value is IEnumerable items and not string ? $"[{string.Join(", ", items.Cast<object>())}]" : $"{value}";
}
