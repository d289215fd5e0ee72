using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;

/// <summary>
/// A stand-in OTLP collector for the benchmarks: an <see cref="HttpListener"/> on 127.0.0.1 and a free port, accepting
/// <c>POST /v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> in http/protobuf and answering 200, so an exporter
/// pays for real requests instead of failing fast. It reads each body and counts what it received: requests, bytes
/// and items (spans, metrics, log records), which says whether the exporter kept up or dropped.
/// </summary>
/// <remarks>
/// HttpListener rather than Kestrel: a framework reference to ASP.NET Core in the host benchmark would change which
/// copies of the Microsoft.Extensions assemblies sit beside the <c>orchestrator.dll</c> it starts.
/// </remarks>
internal sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, SignalCount> _counts = new(StringComparer.Ordinal);
    private readonly Task _loop;

    private OtlpSink(HttpListener listener, Uri endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The sink's base address (<c>http://127.0.0.1:PORT/</c>); exporters post to <c>/v1/{signal}</c> under it.</summary>
    public Uri Endpoint { get; }

    /// <summary>Listens on a random free port (HttpListener cannot be given port 0), trying again if one is taken.</summary>
    public static OtlpSink Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = new Uri($"http://127.0.0.1:{Random.Shared.Next(20_000, 60_000)}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return new OtlpSink(listener, endpoint);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    /// <summary>What arrived for one signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>) since the start or the last <see cref="Reset"/>.</summary>
    public SignalCount Received(string signal) => _counts.TryGetValue(signal, out var count) ? count : new SignalCount();

    public void Reset() => _counts.Clear();

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ReceiveAsync(context));
        }
    }

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "";
        if (request.HttpMethod != "POST" || !path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }
        using var body = new MemoryStream();
        var input = request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream;
        await using (input)
            await input.CopyToAsync(body);
        // OTLP's three requests nest alike: resource_* (1) → scope_* (2) → the items (2).
        var items = Protobuf.Count(body.GetBuffer().AsSpan(0, (int)body.Length), [1, 2, 2]);
        _counts.AddOrUpdate(path[4..], _ => new SignalCount(1, body.Length, items), (_, c) => new SignalCount(c.Requests + 1, c.Bytes + body.Length, c.Items + items));
        // An empty Export*ServiceResponse is zero bytes of protobuf: a full success.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>Requests, body bytes and items (spans, metrics or log records) an OTLP sink received for one signal.</summary>
internal readonly record struct SignalCount(long Requests, long Bytes, long Items);
