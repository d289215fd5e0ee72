using System.Diagnostics;
using Npgsql;
using Symbol.Orchestrator.State.Postgres;

/// <summary>
/// The store benchmark's 3-job chain on PostgreSQL: each trial in a fresh database on the server the URL names (its
/// user may create databases). Transactions per run are read from pg_stat_database: each is one round trip, since every
/// store call but the claim of interrupted runs is one implicit transaction.
/// </summary>
internal static class PostgresBench
{
    public static async Task<int> MainAsync(string server, string[] args)
    {
        int runs = 5_000, concurrency = 64, trials = 3;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--runs": runs = value; break;
                case "--concurrency": concurrency = value; break;
                case "--trials": trials = value; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var admin = PostgresUrl.Parse(server);
        Console.WriteLine($"PostgreSQL store, 3-job chain, {runs:N0} runs ({runs * 3:N0} jobs) a trial, {concurrency} runs in flight, pool {PostgresUrl.DefaultMaxPoolSize}, {Environment.ProcessorCount} CPUs");
        await TrialAsync(admin, 500, concurrency, quiet: true);   // warm-up
        var rates = new List<double>();
        for (var trial = 1; trial <= trials; trial++)
            rates.Add(await TrialAsync(admin, runs, concurrency, quiet: false));
        rates.Sort();
        Console.WriteLine($"median {rates[rates.Count / 2]:N0} jobs/s (of {string.Join(", ", rates.Select(r => r.ToString("N0")))})");
        return 0;
    }

    private static async Task<double> TrialAsync(PostgresUrl admin, int runs, int concurrency, bool quiet)
    {
        var name = $"orchestrator_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {name}");
        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        var url = PostgresUrl.Parse($"postgres://{database.Username}@{database.Host}:{database.Port}/{name}");
        try
        {
            double elapsed;
            long transactions;
            await using (var store = await PostgresStateStore.OpenAsync(url, TimeProvider.System))
            {
                var before = await CommitsAsync(database.ConnectionString, name);
                var next = 0;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    for (var i = Interlocked.Increment(ref next); i <= runs; i = Interlocked.Increment(ref next))
                        await StoreBench.RunChainAsync(store, i);
                })));
                elapsed = clock.Elapsed.TotalSeconds;
                await Task.Delay(TimeSpan.FromSeconds(1.5));   // the statistics collector reports about once a second
                transactions = await CommitsAsync(database.ConnectionString, name) - before;
            }
            var recorded = await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM jobs WHERE status = 'succeeded' AND output_json IS NOT NULL");
            if (recorded != runs * 3)
                throw new InvalidOperationException($"{recorded} jobs recorded, {runs * 3} expected");
            var rate = recorded / elapsed;
            if (!quiet)
                Console.WriteLine($"  {recorded:N0} jobs in {elapsed:N2} s: {rate:N0} jobs/s, {runs / elapsed:N0} runs/s; about {(double)transactions / runs:N1} transactions (round trips) a run");
            return rate;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static Task<long> CommitsAsync(string connectionString, string database) =>
        ScalarAsync(connectionString, $"SELECT xact_commit FROM pg_stat_database WHERE datname = '{database}'");

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
