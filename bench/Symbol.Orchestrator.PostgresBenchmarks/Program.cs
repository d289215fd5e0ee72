using System.Diagnostics;
using Symbol.Orchestrator.Testing;

// What the PostgreSQL tests pay before their first statement: the private server's start (initdb, then pg_ctl start)
// and a database on it, each round on a fresh server, as a test process does once. Usage: [rounds] [--fsync off].
var rounds = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 5;
var fsync = !args.Contains("off");
if (PostgresServer.Unavailable() is { } reason)
{
    Console.Error.WriteLine($"error: {reason}");
    return 1;
}

var start = new List<double>();
var firstDatabase = new List<double>();
var laterDatabase = new List<double>();
var stop = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    var clock = Stopwatch.StartNew();
    var server = await PostgresServer.StartAsync(fsync);
    start.Add(clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    await server.CreateDatabaseAsync();
    firstDatabase.Add(clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    await server.CreateDatabaseAsync();
    laterDatabase.Add(clock.Elapsed.TotalMilliseconds);

    clock.Restart();
    server.Stop();
    stop.Add(clock.Elapsed.TotalMilliseconds);
    Console.WriteLine($"round {round}: start {start[^1]:F0} ms, first database {firstDatabase[^1]:F0} ms, second {laterDatabase[^1]:F0} ms, stop {stop[^1]:F0} ms");
}

Console.WriteLine($"median of {rounds}, fsync {(fsync ? "on" : "off")}: start {Median(start):F0} ms, first database {Median(firstDatabase):F0} ms " +
    $"(start to a database: {Median(start.Zip(firstDatabase, (a, b) => a + b)):F0} ms), another database {Median(laterDatabase):F0} ms, fast stop {Median(stop):F0} ms");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
