namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// What <c>Telemetry:Otlp:Endpoint</c> and <c>Telemetry:Otlp:Protocol</c> may hold, checked here for the validator and
/// read here by the host's composition root, so an address the validator refuses is never handed to an exporter.
/// </summary>
internal static class OtlpEndpoint
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    public static bool IsProtocol(string? protocol) => IsGrpc(protocol) || IsHttpProtobuf(protocol);

    public static bool IsGrpc(string? protocol) => string.Equals(protocol?.Trim(), Grpc, StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpProtobuf(string? protocol) => string.Equals(protocol?.Trim(), HttpProtobuf, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="endpoint"/> is not a collector's address, or null when it is.</summary>
    public static string? Problem(string endpoint) =>
        TryParse(endpoint, out _) ? null
        : $"'{endpoint}' must be an http:// or https:// address with a host, such as http://localhost:4317 (gRPC) or http://localhost:4318 (http/protobuf)";

    /// <summary>The collector's address, when <paramref name="endpoint"/> is a valid one (no user info: it would be logged and sent nowhere useful).</summary>
    public static bool TryParse(string? endpoint, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var parsed))
            return false;
        if (parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host) || parsed.UserInfo.Length > 0)
            return false;
        uri = parsed;
        return true;
    }

    /// <summary>
    /// The address one signal is sent to: the endpoint itself for gRPC; for http/protobuf the endpoint with
    /// <c>v1/traces</c>, <c>v1/metrics</c> or <c>v1/logs</c> after it, as the OTLP specification asks of a base address
    /// (the exporter adds nothing to an address given in code).
    /// </summary>
    public static Uri For(Uri endpoint, string protocol, string signal) =>
        IsHttpProtobuf(protocol) ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal) : endpoint;
}
