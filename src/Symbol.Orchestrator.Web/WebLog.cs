using Microsoft.Extensions.Logging;

namespace Symbol.Orchestrator.Web;

/// <summary>The web host's log events, in one place, numbered from 200, apart from the host's own (HostLog).</summary>
internal static partial class WebLog
{
    [LoggerMessage(200, LogLevel.Information, "Dashboard and API on {Urls}")]
    public static partial void Listening(this ILogger logger, string urls);

    [LoggerMessage(201, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);
}
