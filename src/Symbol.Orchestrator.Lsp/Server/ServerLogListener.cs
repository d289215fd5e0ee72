using System.Diagnostics;

namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>StreamJsonRpc's own warnings and errors (a request that failed, a message it could not read) into the server's log.</summary>
internal sealed class ServerLogListener(ServerLog log) : TraceListener
{
    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
        if (!string.IsNullOrWhiteSpace(message))
            log.Error(message);
    }

    // StreamJsonRpc traces a failed request twice: its message (with the exception) and the exception as data. Once is enough.
    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, object? data)
    {
    }

    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, params object?[]? data)
    {
    }
}
