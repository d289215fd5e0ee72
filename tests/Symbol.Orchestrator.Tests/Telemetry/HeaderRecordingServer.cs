using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Symbol.Orchestrator.Tests.Telemetry;

/// <summary>
/// A minimal HTTP/1.1 server on a loopback port of the system's choosing that answers every request <c>200 ok</c> and keeps
/// each request's header lines: what a script's request carried, as a real socket received it.
/// </summary>
internal sealed class HeaderRecordingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<IReadOnlyDictionary<string, string>> _requests = [];
    private readonly Task _loop;

    public HeaderRecordingServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                await reader.ReadLineAsync(); // the request line
                for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    var name = line[..colon];
                    // Two headers of one name would be one value with a comma: a second traceparent shows.
                    headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier},{line[(colon + 1)..].Trim()}" : line[(colon + 1)..].Trim();
                }
                lock (_requests)
                    _requests.Add(headers);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray());
            }
        }
    }
}
