using System.Collections.Concurrent;
using System.Text.Json;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>One message of a server-sent event stream: an event with its JSON data, or a comment line (<c>: keep-alive</c>).</summary>
internal sealed record StreamMessage(string? Event, JsonElement Data, string? Comment);

/// <summary>
/// A client of <c>GET /api/events</c> as a browser's EventSource reads it: lines, an event's <c>event:</c> and <c>data:</c> up to a blank
/// line, comments apart; everything read is kept, in order, and <see cref="Ended"/> completes when the server ends the stream.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<StreamMessage> _messages = new();

    private EventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        Ended = Task.Run(() => ReadAsync(body));
    }

    public Task Ended { get; }

    public string ContentType => _response.Content.Headers.ContentType?.MediaType ?? "";

    public IReadOnlyList<StreamMessage> Messages => _messages.ToArray();

    public IEnumerable<StreamMessage> Events(string name) => Messages.Where(m => m.Event == name);

    /// <param name="query">What the stream asks for (<c>?types=run</c>); empty: every event.</param>
    public static async Task<EventStream> OpenAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/events" + query, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new EventStream(response, await response.Content.ReadAsStreamAsync());
        // The first line comes once the server has subscribed: events from then on are this stream's.
        await Wait.UntilAsync(() => stream.Messages.Any(m => m.Comment is not null), "the stream's first line");
        return stream;
    }

    /// <summary>Waits until a message matches <paramref name="what"/>.</summary>
    public Task WaitForAsync(Func<StreamMessage, bool> what, string description) =>
        Wait.UntilAsync(() => Messages.Any(what), description, () => $"the stream had:\n{string.Join("\n", Messages.Select(m => m.Comment ?? $"{m.Event} {m.Data}"))}");

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        string? name = null;
        string? data = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith(':'))
                    _messages.Enqueue(new StreamMessage(null, default, line[1..].Trim()));
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    name = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line["data: ".Length..];
                else if (line.Length == 0 && name is not null)
                {
                    _messages.Enqueue(new StreamMessage(name, JsonDocument.Parse(data ?? "null").RootElement.Clone(), null));
                    (name, data) = (null, null);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // This client closed the stream.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await Ended;
        _stop.Dispose();
    }
}
