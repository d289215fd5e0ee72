using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>What the operations tests send and wait for: POSTs as a script sends them (a bearer token, so no anti-forgery header), and runs ending.</summary>
internal static class OperationsApi
{
    /// <summary>POSTs <paramref name="json"/> (none: an empty body) and reads the JSON answer, whatever its status.</summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(this ApiHost host, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "script");
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await host.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static string Error(this JsonElement body) => body.GetProperty("error").GetString()!;

    /// <summary>Waits until the store has <paramref name="runId"/> in <paramref name="status"/>.</summary>
    public static async Task<RunRecord> RunInAsync(this ApiHost host, string runId, RunStatus status)
    {
        RunRecord? run = null;
        await Wait.UntilAsync(() => (run = host.Store.GetRunAsync(runId).GetAwaiter().GetResult())?.Status == status, $"run {runId} to be {status}",
            () => $"it is {run?.Status.ToString() ?? "not in the store"}");
        return run!;
    }
}
