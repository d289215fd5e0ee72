namespace Symbol.Orchestrator.Lsp.Server;

/// <summary>
/// The server's log, on stderr: stdout is the protocol's channel, where a stray line would break the client's framing.
/// Editors show stderr in their output panel (VS Code: Output → Orchestrator).
/// </summary>
internal sealed class ServerLog(TextWriter writer)
{
    private readonly Lock _lock = new();

    public void Info(string message) => Write("info", message);

    public void Error(string message) => Write("error", message);

    /// <summary>A handler that failed: the method, the exception and where it came from, so a bug report can quote it.</summary>
    public void Failed(string method, Exception exception) => Write("error", $"{method} failed: {exception}");

    private void Write(string level, string message)
    {
        lock (_lock)
        {
            try
            {
                writer.WriteLine($"[{level} {DateTime.Now:HH:mm:ss.fff}] {message}");
                writer.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The editor closed stderr: nothing left to tell.
            }
        }
    }
}
