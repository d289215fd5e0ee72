using System.Diagnostics;
using System.Globalization;

/// <summary>
/// An <see cref="OtlpSink"/> in a child process (this benchmark started with <c>otlp-sink</c>), so the collector's work
/// (accepting 40 requests and 6 MB a trial) is not charged to the executor's process, as a real collector's is not.
/// The parent talks to it over its standard streams, one line a command: <c>reset</c>, <c>count SIGNAL</c>.
/// </summary>
internal sealed class OtlpSinkProcess : IDisposable
{
    public const string Verb = "otlp-sink";

    private readonly Process _process;

    private OtlpSinkProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The sink's base address; exporters post to <c>/v1/{signal}</c> under it.</summary>
    public Uri Endpoint { get; }

    public static OtlpSinkProcess Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(OtlpSinkProcess).Assembly.Location);
        start.ArgumentList.Add(Verb);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the OTLP sink's process");
        var endpoint = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the OTLP sink's process ended before it listened");
        return new OtlpSinkProcess(process, new Uri(endpoint));
    }

    public void Reset() => Ask("reset");

    public SignalCount Received(string signal)
    {
        var parts = Ask($"count {signal}").Split(' ');
        return new SignalCount(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private string Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        return _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the OTLP sink's process ended");
    }

    /// <summary>The child's side: serves an <see cref="OtlpSink"/> until its standard input closes.</summary>
    public static int Serve()
    {
        using var sink = OtlpSink.Start();
        Console.WriteLine(sink.Endpoint);
        while (Console.ReadLine() is { } command)
        {
            if (command == "reset")
            {
                sink.Reset();
                Console.WriteLine("ok");
            }
            else if (command.StartsWith("count ", StringComparison.Ordinal))
            {
                var count = sink.Received(command["count ".Length..]);
                Console.WriteLine(FormattableString.Invariant($"{count.Requests} {count.Bytes} {count.Items}"));
            }
        }
        return 0;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            _process.Kill();
        _process.Dispose();
    }
}
