using Microsoft.AspNetCore.Http;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// Which events a stream wants, from <c>GET /api/events?types=run,job&amp;run=ID</c> (docs/api.md): a page showing runs has
/// no use for a busy host's thousand fires a second, and events it does not want are never queued or sent to it. Without
/// <c>types</c> a stream gets every event but the <c>changes</c> digest, which a stream asks for by name.
/// </summary>
internal sealed class EventFilter
{
    private static readonly string[] Kinds = ["fire", "run", "job", "reload", "changes"];
    private static readonly string[] Default = ["fire", "run", "job", "reload"];

    private readonly HashSet<string> _types;
    private readonly string? _run;

    private EventFilter(HashSet<string> types, string? run)
    {
        _types = types;
        _run = run;
    }

    /// <summary>True when the stream asked for the <c>changes</c> digest, which runs only while someone wants it.</summary>
    public bool WantsChanges => _types.Contains("changes");

    /// <summary>The filter, or the 400 naming the bad value.</summary>
    public static (EventFilter? Filter, IResult? Error) From(HttpRequest request)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (QueryValues.Text(request, "types") is { } text)
        {
            foreach (var type in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Kinds.Contains(type, StringComparer.Ordinal))
                    return (null, ApiError.BadRequest($"types: no event type '{type}'; the types are {string.Join(", ", Kinds)}"));
                types.Add(type);
            }
        }
        else
        {
            types.UnionWith(Default);
        }
        return (new EventFilter(types, QueryValues.Text(request, "run")), null);
    }

    public bool Wants(HostEvent e) => _types.Contains(e.Kind) && (_run is null || RunOf(e) is not { } id || id == _run);

    // Reloads and digests belong to no run: a stream for one run still hears of them if it asked for their type.
    private static string? RunOf(HostEvent e) => e switch
    {
        FireEvent fire => fire.RunId ?? "",
        RunEvent r => r.RunId,
        JobEvent job => job.RunId,
        _ => null,
    };
}
