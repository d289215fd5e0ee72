using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Symbol.Orchestrator.Web.Tests;

/// <summary>
/// An OTLP collector speaking http/protobuf on 127.0.0.1 (a free port): it accepts <c>POST /v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, keeps each body, and answers as a collector does (200, an empty protobuf).
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _received = new();

    private FakeOtlpCollector(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = new FakeOtlpCollector(builder.Build());
        collector._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            collector._received.Enqueue((signal, request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector._app.StartAsync();
        collector.Url = collector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return collector;
    }

    /// <summary>The bodies posted to <c>/v1/{signal}</c> so far (<c>traces</c>, <c>metrics</c>, <c>logs</c>).</summary>
    public IReadOnlyList<byte[]> Bodies(string signal) => _received.Where(r => r.Signal == signal).Select(r => r.Body).ToList();

    public IReadOnlyList<string> ContentTypes(string signal) => _received.Where(r => r.Signal == signal).Select(r => r.ContentType).Distinct().ToList();

    /// <summary>Whether any body of <paramref name="signal"/> holds <paramref name="text"/> as UTF-8 (protobuf writes strings as such).</summary>
    public bool Received(string signal, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Bodies(signal).Any(body => body.AsSpan().IndexOf(bytes) >= 0);
    }

    public string Summary() => string.Join(", ", _received.GroupBy(r => r.Signal).Select(g => $"{g.Count()} {g.Key}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
