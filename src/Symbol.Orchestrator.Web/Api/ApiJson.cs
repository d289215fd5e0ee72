using System.Text.Encodings.Web;
using System.Text.Json;
using Symbol.Orchestrator.Reports;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// How the API writes JSON: the CLI's documents as <c>--json</c> writes them (camelCase, <c>+02:00</c> not
/// <c>\u002B02:00</c>, outputs written well-formed), compact. A run's text stays a JSON string whatever it holds
/// (<c>"&lt;script&gt;"</c>): answers are <c>application/json</c> with <c>nosniff</c>, and the dashboard puts text into its page as text.
/// </summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new WellFormedElementConverter() },
    };
}
