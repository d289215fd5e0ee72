using System.Net;
using System.Text;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary><c>http</c> to allowed hosts, synchronous from the script's side, through a fake handler.</summary>
public sealed class HttpTests
{
    [Fact]
    public async Task Get_ReturnsStatusHeadersAndBody()
    {
        var handler = new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = new StringContent("hello", Encoding.UTF8, "text/plain"),
            Headers = { { "X-Request-Id", "42" } },
        });
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["API.example.com"], HttpHandler = handler });

        var output = await sandbox.OutputAsync("""
            const r = http.get('https://api.example.com/ping', { headers: { 'X-Token': 't' } });
            return [r.status, r.ok, r.body, r.headers['x-request-id'], r.headers['content-type']];
            """);

        Assert.Equal("""[202,true,"hello","42","text/plain; charset=utf-8"]""", output);
        Assert.Equal("https://api.example.com/ping", handler.Requests.Single().Uri.ToString());
    }

    [Fact]
    public async Task GetJson_ParsesTheBody()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"rows":[1,2,3]}"""));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        Assert.Equal("3", await sandbox.OutputAsync("return http.getJson('https://api.example.com/rows').rows.length;"));
    }

    [Fact]
    public async Task GetJson_FailsOnAStatusOutside2xx()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.NotFound, "{}"));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var error = await sandbox.ErrorAsync("return http.getJson('https://api.example.com/missing');");

        Assert.Equal("Error: http.getJson: GET https://api.example.com/missing returned 404 Not Found (at test.flow:1)", error);
    }

    [Fact]
    public async Task PostJson_SendsJson_AndParsesTheAnswer()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.Created, """{"id":7}"""));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var output = await sandbox.OutputAsync("return http.postJson('https://api.example.com/items', { name: 'x', n: 1 }).id;");

        Assert.Equal("7", output);
        var request = handler.Requests.Single();
        Assert.Equal((HttpMethod.Post, """{"name":"x","n":1}""", "application/json"), (request.Method, request.Body, request.ContentType));
    }

    [Fact]
    public async Task Post_SendsAStringAsText()
    {
        var handler = new FakeHttpHandler();
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        await sandbox.OutputAsync("return http.post('https://api.example.com/log', 'a line').status;");

        Assert.Equal(("a line", "text/plain"), (handler.Requests.Single().Body, handler.Requests.Single().ContentType));
    }

    [Fact]
    public async Task ARedirectWithinAllowedHosts_IsFollowed()
    {
        var handler = new FakeHttpHandler(request => request.RequestUri!.AbsolutePath == "/old"
            ? new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("/new", UriKind.Relative) } }
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"at":"new"}"""));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        Assert.Equal("\"new\"", await sandbox.OutputAsync("return http.getJson('https://api.example.com/old').at;"));
    }

    [Fact]
    public async Task AResponseOverTheCap_FailsTheCall()
    {
        var handler = new FakeHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[5 << 20]) });
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler, MemoryMb = 256 });

        var error = await sandbox.ErrorAsync("return http.get('https://api.example.com/big').body.length;");

        Assert.Equal("Error: http.get: the response from https://api.example.com/big is larger than 4 MiB (at test.flow:1)", error);
    }

    [Fact]
    public async Task ANetworkFailure_IsAnErrorTheScriptCanCatch()
    {
        var handler = new FakeHttpHandler(_ => throw new HttpRequestException("connection refused"));
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var output = await sandbox.OutputAsync("try { http.get('https://api.example.com/'); } catch (e) { return e.message; }");

        Assert.Equal("\"http.get: GET https://api.example.com/ failed: connection refused\"", output);
    }
    [Theory]
    [InlineData("http.get(url, { headers: { 'a\\r\\nb': 'x' } })")]
    [InlineData("http.post(url, 'body', { headers: { 'a\\r\\nb': 'x' } })")]
    [InlineData("http.postJson(url, {}, { headers: { '': 'x' } })")]
    public async Task AnInvalidHeaderName_IsAnErrorTheScriptCanCatch_AndSendsNothing(string call)
    {
        var handler = new FakeHttpHandler();
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var output = await sandbox.OutputAsync($"const url = 'https://api.example.com/'; try {{ {call}; return 'sent'; }} catch (e) {{ return e.name + ': ' + e.message; }}");

        Assert.Matches("""^"TypeError: http\.\w+: header name '(a\\\\r\\\\nb)?' is not a valid HTTP header name""", output);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task AnUncaughtInvalidHeaderName_FailsTheAttempt_NamingTheHeader()
    {
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = new FakeHttpHandler() });

        var error = await sandbox.ErrorAsync("http.post('https://api.example.com/', 'x', { headers: { 'a\\r\\nb': 'x' } });");

        Assert.Equal("TypeError: http.post: header name 'a\\r\\nb' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only) (at test.flow:1)", error);
    }

    [Fact]
    public async Task AHeaderValueWithALineBreak_IsRefused()
    {
        var handler = new FakeHttpHandler();
        using var sandbox = new Sandbox(o => o with { AllowedHosts = ["api.example.com"], HttpHandler = handler });

        var error = await sandbox.ErrorAsync("http.get('https://api.example.com/', { headers: { 'X-Id': '1\\r\\nHost: evil' } });");

        Assert.Equal("TypeError: http.get: the value of header 'X-Id' holds a line break or NUL ('1\\r\\nHost: evil') (at test.flow:1)", error);
        Assert.Empty(handler.Requests);
    }
}
