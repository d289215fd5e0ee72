using System.Net;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The addresses <c>Http:Urls</c> names (<c>http://127.0.0.1:8686;http://[::1]:8686</c>), read as Kestrel reads them:
/// <c>*</c> and <c>+</c> mean every address. Loopback ones (<c>127.0.0.0/8</c>, <c>[::1]</c>, <c>localhost</c>) need no token.
/// </summary>
public static class HttpListenUrls
{
    /// <summary>The addresses, trimmed, empty entries dropped.</summary>
    public static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Why <paramref name="url"/> cannot be listened on, or null when it can.</summary>
    public static string? Problem(string url) =>
        TryParse(url) is null ? $"'{url}' is not an http:// or https:// address with a host, such as http://127.0.0.1:8686" : null;

    /// <summary>True for an address only this machine can reach.</summary>
    public static bool IsLoopback(string url) => TryParse(url) is { } uri && IsLoopbackHost(uri.Host);

    /// <summary>A <c>Host</c> header's name (without its port) that means this machine: what a loopback listener accepts.</summary>
    public static bool IsLoopbackHost(string host)
    {
        var name = host.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    private static Uri? TryParse(string url)
    {
        // Kestrel's "any address" hosts are not valid URI hosts; 0.0.0.0 stands for them here.
        var normal = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normal, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.PathAndQuery == "/"
            ? uri
            : null;
    }
}
