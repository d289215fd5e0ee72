using System.Diagnostics;
using System.Globalization;

namespace Symbol.Orchestrator.Telemetry;

/// <summary>
/// The client span of a script's <c>http.*</c> call (docs/telemetry.md), a child of the attempt's span, and the W3C
/// <c>traceparent</c> (and <c>tracestate</c>) its requests carry, so the server's spans join the run's trace.
/// </summary>
internal static class HttpCallTelemetry
{
    public static Activity? Start(HttpMethod method, Uri uri)
    {
        if (!OrchestratorTelemetry.Source.HasListeners())
            return null;
        var span = OrchestratorTelemetry.Source.StartActivity(method.Method, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.HttpRequestMethod, method.Method);
            span.SetTag(TelemetryTags.UrlFull, uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped));
            span.SetTag(TelemetryTags.ServerAddress, uri.Host);
            span.SetTag(TelemetryTags.ServerPort, uri.Port);
        }
        return span;
    }

    /// <summary>
    /// Puts the span's context on a request, unless the script set a <c>traceparent</c> itself. HttpClient adds one of its own
    /// only to a request without one, so the server sees exactly this span as its parent.
    /// </summary>
    public static void Inject(Activity? span, HttpRequestMessage request)
    {
        if (span is null)
            return;
        DistributedContextPropagator.Current.Inject(span, request, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestMessage message && value is not null && !message.Headers.Contains(name))
                message.Headers.TryAddWithoutValidation(name, value);
        });
    }

    /// <summary>The answer's status; 4xx and 5xx make the span an error, as for any HTTP client.</summary>
    public static void Answered(Activity? span, int status)
    {
        if (span is not { IsAllDataRequested: true })
            return;
        span.SetTag(TelemetryTags.HttpResponseStatusCode, status);
        if (status >= 400)
        {
            span.SetTag(TelemetryTags.ErrorType, status.ToString(CultureInfo.InvariantCulture));
            span.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>The call failed without an answer (refused, timed out, too large a body): its error's kind and message.</summary>
    public static void Failed(Activity? span, Exception error)
    {
        if (span is not { IsAllDataRequested: true })
            return;
        span.SetTag(TelemetryTags.ErrorType, error.GetType().FullName);
        span.SetStatus(ActivityStatusCode.Error, error.Message);
    }
}
