namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// Clients of the host's <c>/api/events</c> (with a query: which events), each on its own connection, reading every event
/// as a browser would, until disposed. Counts the events read and the clients whose stream failed.
/// </summary>
internal sealed class EventClients : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task[] _readers;
    private int _connected;
    private int _failures;
    private long _events;

    private readonly string _path;

    public EventClients(Uri host, int count, string path)
    {
        _path = path;
        // One connection per client, as separate browsers would hold.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = count + 1 }) { BaseAddress = host, Timeout = Timeout.InfiniteTimeSpan };
        _readers = Enumerable.Range(0, count).Select(_ => Task.Run(ReadAsync)).ToArray();
    }

    public long Events => Interlocked.Read(ref _events);

    public int Failures => Volatile.Read(ref _failures);

    public void WaitConnected(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _connected) + Volatile.Read(ref _failures) < _readers.Length)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Volatile.Read(ref _connected)} of {_readers.Length} event-stream clients connected after {timeout.TotalSeconds:0} s");
            Thread.Sleep(50);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var response = await _http.GetAsync(_path, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref _connected);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
                if (line.StartsWith("event:", StringComparison.Ordinal))
                    Interlocked.Increment(ref _events);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Task.WaitAll(_readers, TimeSpan.FromSeconds(30));
        _http.Dispose();
        _stop.Dispose();
    }
}
