using System.Text.Json;
using Json.Schema;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>
/// <c>orchestrator.schema.json</c> at the repository's root: its settings (the leaves under <c>Orchestrator</c>, as
/// <c>Script:Timeout</c>) and a check of a JSON document against it, with JsonSchema.Net.
/// </summary>
internal static class SettingsSchema
{
    public static string FilePath { get; } = Path.Combine(RepositoryFolder.Path, "orchestrator.schema.json");

    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement.Clone();

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(FilePath));

    /// <summary>Every setting the schema lists under <c>Orchestrator</c>, with its definition.</summary>
    public static IReadOnlyList<(string Key, JsonElement Definition)> Settings { get; } =
        [.. Leaves(Root.GetProperty("properties").GetProperty("Orchestrator"), "")];

    /// <summary>Where <paramref name="json"/> breaks the schema, one line each (<c>/Orchestrator/MaxParallelJobs: …</c>); empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
            return [];
        // The failures that explain the others: invalid nodes with no invalid node below them. A subschema failing
        // under a "not" is what makes the "not" pass, so it is no failure.
        var invalid = (result.Details ?? [])
            .Where(d => !d.IsValid && !d.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal)
                        && !d.EvaluationPath.ToString().Contains("/not/", StringComparison.Ordinal))
            .ToList();
        var problems = invalid
            .Where(d => !invalid.Any(other => other.EvaluationPath.ToString().StartsWith(d.EvaluationPath + "/", StringComparison.Ordinal)))
            .Select(d => $"{d.InstanceLocation}: " + (d.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Values) : $"breaks {d.EvaluationPath}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid, with no detail"];
    }

    private static IEnumerable<(string Key, JsonElement Definition)> Leaves(JsonElement definition, string prefix)
    {
        foreach (var property in definition.GetProperty("properties").EnumerateObject())
        {
            if (property.Value.TryGetProperty("properties", out _))
                foreach (var nested in Leaves(property.Value, $"{prefix}{property.Name}:"))
                    yield return nested;
            else
                yield return ($"{prefix}{property.Name}", property.Value);
        }
    }
}
