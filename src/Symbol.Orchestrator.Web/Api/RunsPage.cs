using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Symbol.Orchestrator.Reports;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Web.Api;

/// <summary><c>GET /api/runs</c>: a page of runs, newest scheduled first, and the cursor of the next (older) page, null on the last.</summary>
internal sealed record RunsPage(IReadOnlyList<RunSummary> Runs, string? Next)
{
    /// <summary>
    /// A cursor as the API gives it: opaque to a client (base64url of the last run's scheduled instant in ticks and its
    /// id), so the store's paging can change without breaking a client that only passes it back.
    /// </summary>
    public static string Cursor(RunCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.ScheduledAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{cursor.RunId}"));

    /// <summary>The cursor <paramref name="text"/> holds, or null when it is not one this API gave.</summary>
    public static RunCursor? ReadCursor(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = decoded.IndexOf('|', StringComparison.Ordinal);
            if (bar < 1 || bar == decoded.Length - 1
                || !long.TryParse(decoded.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return null;
            return new RunCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(bar + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
