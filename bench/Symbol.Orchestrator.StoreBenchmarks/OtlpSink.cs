using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// A stand-in OTLP collector for the benchmarks: Kestrel on 127.0.0.1 and a free port, accepting
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> in http/protobuf and answering 200, so an exporter
/// pays for real requests instead of failing fast. It reads each body and counts what it received: requests, bytes
/// and items (spans, metrics, log records), which says whether the exporter kept up or dropped.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SignalCount> _counts = new(StringComparer.Ordinal);

    private OtlpSink(WebApplication app) => _app = app;

    /// <summary>The sink's base address (<c>http://127.0.0.1:PORT</c>); exporters post to <c>/v1/{signal}</c> under it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var sink = new OtlpSink(builder.Build());
        sink._app.MapPost("/v1/{signal}", sink.ReceiveAsync);
        await sink._app.StartAsync();
        // Once started, the app's URLs are the addresses bound, port 0 resolved.
        sink.Endpoint = new Uri(sink._app.Urls.First());
        return sink;
    }

    /// <summary>What arrived for one signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>) since the start or the last <see cref="Reset"/>.</summary>
    public SignalCount Received(string signal) => _counts.TryGetValue(signal, out var count) ? count : new SignalCount();

    public void Reset() => _counts.Clear();

    private async Task<IResult> ReceiveAsync(string signal, HttpRequest request)
    {
        using var body = new MemoryStream();
        var input = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        await using (input)
            await input.CopyToAsync(body);
        // OTLP's three requests nest alike: resource_* (1) → scope_* (2) → the items (2).
        var items = Protobuf.Count(body.GetBuffer().AsSpan(0, (int)body.Length), [1, 2, 2]);
        _counts.AddOrUpdate(signal, _ => new SignalCount(1, body.Length, items), (_, c) => new SignalCount(c.Requests + 1, c.Bytes + body.Length, c.Items + items));
        // An empty Export*ServiceResponse is zero bytes of protobuf: a full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Requests, body bytes and items (spans, metrics or log records) an OTLP sink received for one signal.</summary>
internal readonly record struct SignalCount(long Requests, long Bytes, long Items);
