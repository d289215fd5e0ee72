using System.Net;
using System.Text;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>Answers requests from a function and records them; no network.</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public FakeHttpHandler() : this(_ => Json(HttpStatusCode.OK, """{"ok":true}"""))
    {
    }

    public List<(HttpMethod Method, Uri Uri, string? Body, string? ContentType)> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType));
        }
        return respond(request);
    }
}
