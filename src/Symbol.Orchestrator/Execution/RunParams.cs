using System.Text.Json;
using System.Text.Json.Nodes;

namespace Symbol.Orchestrator.Execution;

/// <summary>A run's params: the workflow's <c>params</c> with the trigger's overrides laid over them, key by key.</summary>
public static class RunParams
{
    /// <summary>A shallow merge: an override replaces the whole value of its key (<c>{"a":{"x":1}}</c> + <c>{"a":{"y":2}}</c> is <c>{"a":{"y":2}}</c>).</summary>
    /// <exception cref="ArgumentException">Either text is not a JSON object.</exception>
    public static string Merge(string workflowParamsJson, string? overrideJson)
    {
        if (string.IsNullOrWhiteSpace(overrideJson))
            return string.IsNullOrWhiteSpace(workflowParamsJson) ? "{}" : workflowParamsJson;
        var merged = Parse(workflowParamsJson, nameof(workflowParamsJson));
        foreach (var (key, value) in Parse(overrideJson, nameof(overrideJson)).ToList())
            merged[key] = value?.DeepClone();
        return merged.ToJsonString();
    }

    private static JsonObject Parse(string? json, string name)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            // Merged params are written out again, which fails on a lone surrogate: params { "p": "\ud800" } is valid JSON.
            return JsonNode.Parse(JsonText.WithoutLoneSurrogates(json)) as JsonObject ?? throw new ArgumentException($"params must be a JSON object, found {json}", name);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"params are not valid JSON: {e.Message}", name, e);
        }
    }
}
