using Microsoft.AspNetCore.Http;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// Which events a stream wants, from <c>GET /api/events?types=run,job&amp;run=ID</c> (docs/api.md): a page showing runs has
/// no use for a busy host's thousand fires a second, and events it does not want are never queued or sent to it.
/// </summary>
internal static class EventFilter
{
    private static readonly string[] Kinds = ["fire", "run", "job", "reload"];

    /// <summary>The filter (null: every event), or the 400 naming the bad value.</summary>
    public static (Func<HostEvent, bool>? Wanted, IResult? Error) From(HttpRequest request)
    {
        HashSet<string>? types = null;
        if (QueryValues.Text(request, "types") is { } text)
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Kinds.Contains(type, StringComparer.Ordinal))
                    return (null, ApiError.BadRequest($"types: no event type '{type}'; the types are {string.Join(", ", Kinds)}"));
                types.Add(type);
            }
        }
        var run = QueryValues.Text(request, "run");
        if (types is null && run is null)
            return (null, null);
        return (e => (types is null || types.Contains(e.Kind)) && (run is null || RunOf(e) is not { } id || id == run), null);
    }

    // Reloads belong to no run: a stream for one run still hears of them if it asked for their type.
    private static string? RunOf(HostEvent e) => e switch
    {
        FireEvent fire => fire.RunId ?? "",
        RunEvent r => r.RunId,
        JobEvent job => job.RunId,
        _ => null,
    };
}
