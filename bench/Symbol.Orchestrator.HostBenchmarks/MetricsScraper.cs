using System.Diagnostics;

namespace Symbol.Orchestrator.HostBenchmarks;

/// <summary>
/// Prometheus's part in "telemetry on": <c>GET /metrics</c> on the host every <c>interval</c>, as a scrape job would,
/// on a thread of its own. Counts the scrapes, the failed ones and the last answer's size, and times each.
/// </summary>
internal sealed class MetricsScraper : IDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly List<double> _milliseconds = [];

    public MetricsScraper(Uri host, TimeSpan interval)
    {
        _http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(10) };
        _thread = new Thread(() => Loop(interval)) { IsBackground = true, Name = "metrics scraper" };
        _thread.Start();
    }

    public int Failures { get; private set; }

    public int LastBytes { get; private set; }

    public int LastSeries { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Each successful scrape's time, ms.</summary>
    public IReadOnlyList<double> Milliseconds
    {
        get
        {
            lock (_milliseconds)
                return _milliseconds.ToArray();
        }
    }

    private void Loop(TimeSpan interval)
    {
        while (!_stop.Token.WaitHandle.WaitOne(interval))
        {
            try
            {
                var clock = Stopwatch.StartNew();
                using var response = _http.GetAsync("/metrics", _stop.Token).GetAwaiter().GetResult();
                var text = response.Content.ReadAsStringAsync(_stop.Token).GetAwaiter().GetResult();
                if (!response.IsSuccessStatusCode)
                {
                    Failures++;
                    LastError = $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}";
                    continue;
                }
                lock (_milliseconds)
                    _milliseconds.Add(clock.Elapsed.TotalMilliseconds);
                LastBytes = text.Length;
                LastSeries = text.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (_stop.IsCancellationRequested)
                    return;
                Failures++;
                LastError = e.Message;
            }
        }
    }

    /// <summary>Stops the scrapes (called again at the end of a using: the second call does nothing).</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
        _thread.Join();
        _http.Dispose();
    }
}
