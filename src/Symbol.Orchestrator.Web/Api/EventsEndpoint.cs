using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web.Api;

/// <summary>
/// <c>GET /api/events</c> (docs/api.md): the host's fires, runs, jobs, reloads and digests of changes as server-sent events, from the moment the
/// client connects; a comment every <see cref="KeepAlive"/> so proxies keep an idle stream open. The stream ends when the client
/// goes or the host begins to stop (never holding the stop up). A client that falls far behind loses its oldest events, and a
/// comment says how many.
/// </summary>
internal static class EventsEndpoint
{
    /// <summary>How long a stream stays silent before a keep-alive comment: under the minute after which common proxies close idle connections.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>How long a stream gathers events after the first of a burst before it writes them: never noticeable on a page.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    // An event goes to every client: framed and encoded once, by the first stream that writes it, and forgotten with the
    // event; every other stream copies the same bytes.
    private static readonly ConditionalWeakTable<HostEvent, byte[]> Frames = [];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/events", async (HttpContext context, HostEvents events, IHostApplicationLifetime lifetime, TimeProvider time) =>
        {
            var (filter, error) = EventFilter.From(context.Request);
            if (filter is null)
                return error!;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            using var subscription = events.Subscribe(wanted: filter.Wants);
            using var digest = filter.WantsChanges ? events.Changes.Use() : null;
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            // nginx buffers a response unless told not to; a stream of events must go out as they happen.
            response.Headers["X-Accel-Buffering"] = "no";
            try
            {
                await WriteAsync(response, ": events of this host from now on\n\n", stop.Token).ConfigureAwait(false);
                await StreamAsync(response, subscription, time, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && stop.IsCancellationRequested)
            {
                // The client went, or the host is stopping: the stream just ends.
            }
            return Results.Empty;
        });

    private static async Task StreamAsync(HttpResponse response, HostEventSubscription subscription, TimeProvider time, CancellationToken stop)
    {
        var reader = subscription.Reader;
        long droppedSaid = 0;
        while (!stop.IsCancellationRequested)
        {
            bool ready;
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                var next = reader.WaitToReadAsync(waiting.Token).AsTask();
                var quiet = Task.Delay(KeepAlive, time, waiting.Token);
                var first = await Task.WhenAny(next, quiet).ConfigureAwait(false);
                await waiting.CancelAsync().ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                    return;
                if (first == quiet)
                {
                    await WriteAsync(response, ": keep-alive\n\n", stop).ConfigureAwait(false);
                    continue;
                }
                ready = await next.ConfigureAwait(false);
            }
            // Completed: the host is stopping.
            if (!ready)
                return;
            // A busy host raises events in bursts (every workflow due at one second): gather a burst into one write, so a
            // stream costs a few writes a second, not one per event. Real time: it paces a socket, not the schedule.
            await Task.Delay(Gather, stop).ConfigureAwait(false);
            var writer = response.BodyWriter;
            if (subscription.Dropped is var dropped && dropped > droppedSaid)
            {
                writer.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $": {dropped - droppedSaid} event(s) dropped: this client fell behind\n\n")));
                droppedSaid = dropped;
            }
            while (reader.TryRead(out var e))
                writer.Write(Frames.GetValue(e, Frame));
            await writer.FlushAsync(stop).ConfigureAwait(false);
        }
    }

    /// <summary><c>event: run</c>, <c>data: {…}</c> and the blank line that ends an event, as UTF-8.</summary>
    private static byte[] Frame(HostEvent e) =>
        Encoding.UTF8.GetBytes($"event: {e.Kind}\ndata: {JsonSerializer.Serialize(e, e.GetType(), ApiJson.Options)}\n\n");

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken stop)
    {
        await response.WriteAsync(text, stop).ConfigureAwait(false);
        await response.Body.FlushAsync(stop).ConfigureAwait(false);
    }
}
