using System.Buffers;
using System.Net;
using System.Text;
using Symbol.Orchestrator.Language;
using Symbol.Orchestrator.Telemetry;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// <c>http.get/post/getJson/postJson</c>, synchronous from the script's side. Only hosts in
/// <c>Http.AllowedHosts</c> (exact, case-insensitive) are reached; redirects are followed here, not by
/// the handler, so a redirect to another host is checked too. Waits end with the attempt's time budget.
/// </summary>
internal sealed class HttpApi(HttpClient client, IReadOnlyList<string> allowedHosts)
{
    public const int MaxResponseBytes = 4 << 20;
    private const int MaxRedirects = 5;

    // RFC 9110 field names are tokens. A name .NET refuses was silently dropped on a GET, and on a POST threw
    // from the content headers as an uncatchable "internal error" ({"a\r\nb": "x"}).
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly HashSet<string> _allowed = new(allowedHosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>The handler behind the client must not follow redirects itself, or it would skip the host check.</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler) =>
        handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public JsObject Create(Engine engine, AttemptBudget budget)
    {
        var http = new JsObject(engine);
        http.FastSetDataProperty("get", new ClrFunction(engine, "get", (_, args) =>
            Request(engine, budget, "http.get", HttpMethod.Get, args, bodyIndex: -1).ToObject(engine)));
        http.FastSetDataProperty("post", new ClrFunction(engine, "post", (_, args) =>
            Request(engine, budget, "http.post", HttpMethod.Post, args, bodyIndex: 1).ToObject(engine)));
        http.FastSetDataProperty("getJson", new ClrFunction(engine, "getJson", (_, args) =>
            Request(engine, budget, "http.getJson", HttpMethod.Get, args, bodyIndex: -1).ToJson(engine, "http.getJson")));
        http.FastSetDataProperty("postJson", new ClrFunction(engine, "postJson", (_, args) =>
            Request(engine, budget, "http.postJson", HttpMethod.Post, args, bodyIndex: 1).ToJson(engine, "http.postJson")));
        return http;
    }

    /// <summary><c>(url, [body,] options)</c> where options is <c>{ headers: { name: value } }</c>.</summary>
    private Response Request(Engine engine, AttemptBudget budget, string function, HttpMethod method, JsValue[] args, int bodyIndex)
    {
        var url = ScriptArgs.String(engine, args, 0, function, "the URL");
        var (body, contentType) = bodyIndex < 0 ? (null, null) : Body(engine, ScriptArgs.At(args, bodyIndex), function);
        var options = ScriptArgs.At(args, bodyIndex < 0 ? 1 : 2);
        var headers = Headers(engine, options, function);
        var uri = CheckUri(engine, function, url);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(budget.CancellationToken);
        timeout.CancelAfter(budget.Remaining);
        // One span per call, redirects included; Jint calls this synchronously, so the current span is the attempt's.
        using var span = HttpCallTelemetry.Start(method, uri);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(method, uri);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, contentType);
                }
                foreach (var (name, value) in headers)
                {
                    if (!request.Headers.TryAddWithoutValidation(name, value))
                    {
                        request.Content?.Headers.Remove(name);
                        request.Content?.Headers.TryAddWithoutValidation(name, value);
                    }
                }
                HttpCallTelemetry.Inject(span, request);

                using var response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
                HttpCallTelemetry.Answered(span, (int)response.StatusCode);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirects == MaxRedirects)
                    {
                        throw ScriptArgs.Error(engine, $"{function}: {url} redirected more than {MaxRedirects} times");
                    }
                    uri = CheckUri(engine, function, new Uri(uri, location).ToString());
                    if (response.StatusCode == HttpStatusCode.SeeOther || method == HttpMethod.Post && (int)response.StatusCode is 301 or 302)
                    {
                        (method, body) = (HttpMethod.Get, null);
                    }
                    continue;
                }
                return new Response(method, uri, response, ReadBody(engine, function, uri, response, timeout.Token));
            }
        }
        catch (OperationCanceledException) when (!budget.CancellationToken.IsCancellationRequested)
        {
            var timedOut = new TimeoutException($"{function} {url} was still waiting when the attempt's time ran out.");
            HttpCallTelemetry.Failed(span, timedOut);
            throw timedOut;
        }
        catch (HttpRequestException e)
        {
            HttpCallTelemetry.Failed(span, e);
            throw ScriptArgs.Error(engine, $"{function}: {method} {url} failed: {e.Message}");
        }
    }

    private Uri CheckUri(Engine engine, string function, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ScriptArgs.TypeError(engine, $"{function}: '{url}' is not an absolute http or https URL");
        }
        if (!_allowed.Contains(uri.Host) && !_allowed.Contains(uri.IdnHost))
        {
            throw ScriptArgs.Error(engine, $"{function}: host '{uri.Host}' is not in Http.AllowedHosts");
        }
        return uri;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static (string? Body, string? ContentType) Body(Engine engine, JsValue value, string function)
    {
        if (value.IsUndefined())
        {
            return (null, null);
        }
        if (value.IsString())
        {
            return (value.AsString(), "text/plain");
        }
        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsString()
            ? (json.AsString(), "application/json")
            : throw ScriptArgs.TypeError(engine, $"{function}: the body must be a string or a JSON value, not {ScriptArgs.Describe(value)}");
    }

    private static List<(string Name, string Value)> Headers(Engine engine, JsValue options, string function)
    {
        var list = new List<(string, string)>();
        if (!options.IsObject() || options.AsObject().Get("headers") is not ObjectInstance headers)
        {
            return list;
        }
        foreach (var key in headers.GetOwnPropertyKeys(Types.String))
        {
            var name = key.ToString();
            if (!IsToken(name))
            {
                throw ScriptArgs.TypeError(engine, $"{function}: header name '{TerminalText.Escape(name)}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            }
            var value = headers.Get(key);
            if (!value.IsString() && !value.IsNumber())
            {
                throw ScriptArgs.TypeError(engine, $"{function}: header '{name}' must be a string");
            }
            var text = value.ToString();
            if (text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw ScriptArgs.TypeError(engine, $"{function}: the value of header '{name}' holds a line break or NUL ('{TerminalText.Escape(text)}')");
            }
            list.Add((name, text));
        }
        return list;
    }

    private static bool IsToken(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TokenChars);

    private static string ReadBody(Engine engine, string function, Uri uri, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw TooLarge(engine, function, uri);
        }
        using var stream = response.Content.ReadAsStreamAsync(cancellationToken).GetAwaiter().GetResult();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.ReadAsync(chunk, cancellationToken).AsTask().GetAwaiter().GetResult()) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw TooLarge(engine, function, uri);
            }
            buffer.Write(chunk, 0, read);
        }
        return EncodingOf(response).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static JavaScriptException TooLarge(Engine engine, string function, Uri uri) =>
        ScriptArgs.Error(engine, $"{function}: the response from {uri} is larger than {MaxResponseBytes >> 20} MiB");

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        try
        {
            return response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>What a script gets back: <c>{ status, ok, headers, body }</c> (header names in lower case).</summary>
    private sealed class Response(HttpMethod method, Uri uri, HttpResponseMessage message, string body)
    {
        private readonly int _status = (int)message.StatusCode;
        private readonly string _reason = message.ReasonPhrase ?? "";
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers = [.. message.Headers, .. message.Content.Headers];

        public JsValue ToObject(Engine engine)
        {
            var headers = new JsObject(engine);
            foreach (var (name, values) in _headers)
            {
                headers.FastSetDataProperty(name.ToLowerInvariant(), new JsString(string.Join(", ", values)));
            }
            var result = new JsObject(engine);
            result.FastSetDataProperty("status", JsNumber.Create(_status));
            result.FastSetDataProperty("ok", _status is >= 200 and < 300 ? JsBoolean.True : JsBoolean.False);
            result.FastSetDataProperty("headers", headers);
            result.FastSetDataProperty("body", new JsString(body));
            return result;
        }

        /// <summary>The body parsed as JSON (an empty body is <c>null</c>); a status outside 2xx is an error.</summary>
        public JsValue ToJson(Engine engine, string function)
        {
            if (_status is < 200 or >= 300)
            {
                throw ScriptArgs.Error(engine, $"{function}: {method} {uri} returned {_status} {_reason}".TrimEnd());
            }
            if (string.IsNullOrWhiteSpace(body))
            {
                return JsValue.Null;
            }
            try
            {
                return new JsonParser(engine).Parse(body);
            }
            catch (JavaScriptException e)
            {
                throw ScriptArgs.Error(engine, $"{function}: the response from {uri} is not JSON: {e.Message}");
            }
        }
    }
}
