using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// A PostgreSQL server of its own: <c>initdb</c> in a fresh folder under the temp directory, started with <c>pg_ctl</c> on
/// a free port of 127.0.0.1 (trust authentication, unix sockets in the data folder), from the binaries
/// <c>pg_config --bindir</c> names. Run as user <c>postgres</c> (through <c>runuser</c>) when the tests run as root,
/// since PostgreSQL refuses to run as root. Tests use the one <see cref="PrivatePostgres"/> server of their process;
/// benchmarks start their own, with <c>fsync</c> off if they measure without durability.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Every server's folder is named so, under the temp directory; <see cref="RemoveStale"/> looks for them.</summary>
    public const string FolderPrefix = "symbol-pg-";

    /// <summary>The file in a server's folder naming the process that owns it: its id and start time (ticks, UTC).</summary>
    public const string OwnerFile = "owner";

    private const string SuperUser = "postgres";
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromMinutes(10);
    private static readonly bool AsPostgresUser = !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private readonly string _bin;
    private readonly NpgsqlDataSource _admin;
    private int _databases;
    private int _stopped;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
        _admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
    }

    /// <summary>The server's folder: <c>data/</c> (the cluster, and its unix socket), <c>server.log</c>, <see cref="OwnerFile"/>.</summary>
    public string Folder { get; }

    public int Port { get; }

    private static string DataFolderOf(string folder) => Path.Combine(folder, "data");

    /// <summary>
    /// Why no server can be started here, saying how to get one (<c>apt-get install postgresql</c>), or null when the
    /// binaries are there.
    /// </summary>
    public static string? Unavailable() => Binaries.Value.Reason;

    /// <summary>
    /// Starts a server in a new folder, first removing what killed processes left (<see cref="RemoveStale"/>).
    /// <paramref name="fsync"/> off trades durability for speed, for benchmarks that measure without it. Fails with
    /// the output of <c>initdb</c> or <c>pg_ctl</c> when they fail.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool fsync = true)
    {
        var (bin, reason) = Binaries.Value;
        if (reason is not null)
            throw new InvalidOperationException(reason);
        RemoveStale();

        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), OwnerText(Process.GetCurrentProcess()));
        if (AsPostgresUser)
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", folder], folder, asPostgres: false);

        var data = DataFolderOf(folder);
        string[] init = ["-D", data, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C"];
        await RunAsync(Path.Combine(bin, "initdb"), fsync ? init : [.. init, "--no-sync"], folder, AsPostgresUser);
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            # Written by the tests' PostgresServer: this server listens on 127.0.0.1 alone, on the port pg_ctl passes.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{data}'
            fsync = {(fsync ? "on" : "off")}
            max_connections = 300

            """);

        // The free port is found by binding it and letting go, so another process may take it first: try a new one then.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var (code, output) = await TryRunAsync(Path.Combine(bin, "pg_ctl"),
                ["start", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-s", "-o", $"-p {port}"], folder, AsPostgresUser);
            if (code == 0)
                return new PostgresServer(bin, folder, port);
            var log = ServerLog(folder);
            if (attempt < 3 && log.Contains("could not bind", StringComparison.Ordinal))
                continue;
            Delete(folder);
            throw new InvalidOperationException($"pg_ctl start failed (exit {code}): {output}\nserver.log:\n{log}");
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server, as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
    }.ConnectionString;

    /// <summary>A new, empty database (<c>test_1</c>, <c>test_2</c>, …), as a connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var command = _admin.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server (<c>pg_ctl -m fast stop</c>: open connections are closed) and deletes its folder.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        _admin.Dispose();
        StopServer(_bin, Folder, "fast");
        Delete(Folder);
    }

    /// <summary>
    /// Stops the server at once and deletes its folder, for a process that is exiting: a test runner kills its test
    /// process moments after the last test, too soon for <c>pg_ctl</c> (a fast stop's checkpoint with fsync on takes a
    /// second) or even for deleting the cluster's thousand files. So this signals the postmaster to quit (an immediate
    /// stop; the data is thrown away) and leaves the deleting to a shell of its own, which outlives this process.
    /// </summary>
    public void StopAtExit()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        if (OperatingSystem.IsWindows() || PostmasterId(Folder) is not { } pid || !ProcessSignals.Send(pid, ProcessSignals.Quit))
        {
            Delete(Folder);
            return;
        }
        // The postmaster removes postmaster.pid last: a folder deleted before that would be half recreated by it.
        var script = "i=0; while [ -e \"$1/data/postmaster.pid\" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; rm -rf \"$1\"";
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script, "sh", Folder }, UseShellExecute = false });
    }

    private static int? PostmasterId(string folder)
    {
        try
        {
            return int.Parse(File.ReadLines(Path.Combine(DataFolderOf(folder), "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Stops and deletes the servers that processes killed before their exit left behind: a folder under the temp
    /// directory named <see cref="FolderPrefix"/>… whose <see cref="OwnerFile"/> names a process that is gone (or
    /// another process now under its id), or that has no owner file after 10 minutes. A killed test process cannot
    /// stop its server, whose postmaster outlives it; the next start of any server removes it. Returns the folders removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale()
    {
        var (bin, reason) = Binaries.Value;
        var removed = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!IsStale(folder))
                continue;
            if (reason is null && File.Exists(Path.Combine(DataFolderOf(folder), "postmaster.pid")))
                StopServer(bin, folder, "immediate");
            Delete(folder);
            removed.Add(folder);
        }
        return removed;
    }

    private static bool IsStale(string folder)
    {
        try
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner))
                return DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) > OwnerlessGrace;
            var parts = File.ReadAllText(owner).Split(' ');
            var pid = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var started = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            try
            {
                // Another process now under the id started at another time. .NET derives a process's start time from
                // the boot time, which it reads with some jitter: two readings of one process differ by milliseconds.
                using var process = Process.GetProcessById(pid);
                return (process.StartTime.ToUniversalTime() - started).Duration() > TimeSpan.FromSeconds(2);
            }
            catch (ArgumentException)
            {
                return true; // no process has that id any more
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return false; // being written or removed by another process right now: not ours to judge
        }
    }

    private static string OwnerText(Process process) =>
        FormattableString.Invariant($"{process.Id} {process.StartTime.ToUniversalTime().Ticks}");

    private static void StopServer(string bin, string folder, string mode) =>
        TryRunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", DataFolderOf(folder), "-m", mode, "-w", "-t", "60", "-s"], folder, AsPostgresUser)
            .GetAwaiter().GetResult();

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already (another process's sweep), or left for the OS: the next sweep tries again.
        }
    }

    private static string ServerLog(string folder)
    {
        var path = Path.Combine(folder, "server.log");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "(none)";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] args, string folder, bool asPostgres)
    {
        var (code, output) = await TryRunAsync(program, args, folder, asPostgres);
        if (code != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {code}): {output}");
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string program, string[] args, string folder, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The tests' own folder may be one user postgres cannot enter (under /root); the server's folder is its own.
            WorkingDirectory = Directory.Exists(folder) ? folder : Path.GetTempPath(),
        };
        if (asPostgres)
            foreach (var arg in (string[])["-u", SuperUser, "--", program])
                info.ArgumentList.Add(arg);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{await stdout}{await stderr}".Trim());
    }

    private static readonly Lazy<(string Bin, string? Reason)> Binaries = new(FindBinaries);

    private static (string Bin, string? Reason) FindBinaries()
    {
        const string Install = "install PostgreSQL's server (e.g. `apt-get install postgresql`) to run the PostgreSQL tests";
        string bin;
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            bin = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0 || bin.Length == 0)
                return ("", $"pg_config --bindir failed (exit {process.ExitCode}): {Install}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ("", $"pg_config is not on the PATH: {Install}");
        }
        var initdb = Path.Combine(bin, OperatingSystem.IsWindows() ? "initdb.exe" : "initdb");
        if (!File.Exists(initdb))
            return (bin, $"no initdb in {bin} (pg_config --bindir; only the client is installed?): {Install}");
        if (AsPostgresUser && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(SuperUser + ":", StringComparison.Ordinal)))
            return (bin, $"running as root, the server needs a user '{SuperUser}' to run as (the postgresql package creates it): {Install}");
        return (bin, null);
    }
}
