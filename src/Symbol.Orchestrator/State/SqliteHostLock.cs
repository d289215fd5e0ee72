using System.Globalization;
using System.Text.Json;

namespace Symbol.Orchestrator.State;

/// <summary>
/// The one host a SQLite store serves (several hosts will share a PostgreSQL store). A host holds
/// <c>STATE.lock</c> open with <see cref="FileShare.None"/>, which .NET takes as an exclusive <c>flock</c> on Unix and
/// a share-none open on Windows: the kernel drops it when the process ends, even on <c>kill -9</c>, so a lock that
/// can be taken proves that no host is alive on the store. A locked file cannot be read by another .NET process, so
/// <c>STATE.host</c> beside it says who holds it, and after that host is gone, whose runs the next host takes back.
/// </summary>
/// <remarks>
/// The lock file is never deleted: a process waiting on a file that is deleted and created again would lock
/// the old one while another locks the new one.
/// </remarks>
public sealed class SqliteHostLock : IHostClaim
{
    // Another process probing the lock (IsHeld) holds it for microseconds: a host starting at that moment tries again.
    private const int Attempts = 5;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _lock;
    private readonly string _descriptionPath;
    private readonly HostDescription _description;

    private SqliteHostLock(FileStream @lock, string descriptionPath, HostDescription description)
    {
        _lock = @lock;
        _descriptionPath = descriptionPath;
        _description = description;
    }

    /// <summary>
    /// The owners of the hosts that held the store before this one and are gone (the last one, and any whose runs it
    /// had not yet taken back when it ended): their runs are this host's to resume at once, whatever their leases say.
    /// </summary>
    public IReadOnlyList<string> GoneOwners => _description.TakingOver;

    /// <summary>Takes the store for the host <paramref name="owner"/>, or throws <see cref="StateStoreException"/> naming the host that has it.</summary>
    public static SqliteHostLock Take(string statePath, string owner, DateTimeOffset since)
    {
        var state = Path.GetFullPath(statePath);
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stream = new FileStream(LockPath(state), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                try
                {
                    var previous = Read(state);
                    var gone = previous is null ? [] : (previous.TakingOver ?? []).Prepend(previous.Owner).Where(o => o != owner).Distinct().ToArray();
                    var description = new HostDescription(owner, Environment.ProcessId, since, gone);
                    Write(DescriptionPath(state), description);
                    return new SqliteHostLock(stream, DescriptionPath(state), description);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                if (attempt == Attempts)
                    throw new StateStoreException(InUse(state, Read(state)), e);
                Thread.Sleep(Pause);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StateStoreException($"The state store {state} cannot be locked for this host: {e.Message}", e);
            }
        }
    }

    /// <summary>Forgets the gone owners once their runs are this host's, so the next host does not look for them.</summary>
    public void Resumed()
    {
        if (_description.TakingOver.Count > 0)
            Write(_descriptionPath, _description with { TakingOver = [] });
    }

    /// <summary>
    /// The host alive on the store at <paramref name="statePath"/>, or null when there is none (it is gone, or there
    /// never was one). It takes a shared lock for an instant, which a host starting at that moment waits out.
    /// </summary>
    public static HostDescription? LiveHost(string statePath)
    {
        var state = Path.GetFullPath(statePath);
        if (!File.Exists(LockPath(state)))
            return null;
        try
        {
            using var probe = new FileStream(LockPath(state), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return Read(state) ?? new HostDescription("a host", 0, DateTimeOffset.MinValue, []);
        }
    }

    /// <summary>
    /// The owners of hosts known to be gone from the store at <paramref name="statePath"/>: the last host when none
    /// holds the lock now, and the hosts whose runs the last one had not yet taken back. Their runs are nobody's,
    /// whatever their leases say.
    /// </summary>
    public static IReadOnlyList<string> GoneHostOwners(string statePath)
    {
        if (Read(statePath) is not { } last)
            return [];
        var gone = last.TakingOver ?? [];
        return LiveHost(statePath) is null ? [last.Owner, .. gone] : gone;
    }

    /// <summary>The description the last host on the store wrote (it may be gone), or null.</summary>
    public static HostDescription? Read(string statePath)
    {
        try
        {
            return JsonSerializer.Deserialize<HostDescription>(File.ReadAllText(DescriptionPath(Path.GetFullPath(statePath))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();

    private static string LockPath(string state) => state + ".lock";

    private static string DescriptionPath(string state) => state + ".host";

    // In one rename, so a host killed while writing leaves the previous description, not half of one.
    private static void Write(string path, HostDescription description)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(description));
        File.Move(temp, path, overwrite: true);
    }

    // What .NET reports when a file is locked by another open: EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation.
    private static bool IsSharingViolation(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

    private static string InUse(string state, HostDescription? holder) =>
        $"The state store {state} is in use by another host: "
        + (holder is null ? "it has not recorded its name yet" : $"{holder.Owner} (pid {holder.Pid}, running since {holder.Since.ToString("O", CultureInfo.InvariantCulture)})")
        + ". One SQLite store serves one host: stop that one first, or run several hosts on a PostgreSQL store.";
}

/// <summary>Who holds a store's host lock: <c>STATE.host</c>.</summary>
/// <param name="TakingOver">The gone hosts whose runs this one is taking back; empty once it has.</param>
public sealed record HostDescription(string Owner, int Pid, DateTimeOffset Since, IReadOnlyList<string> TakingOver);
