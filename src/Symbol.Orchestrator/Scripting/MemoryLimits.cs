using System.Globalization;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// What a script may hold, all derived from <c>Script:MemoryMb</c> (M): a string of at most M/4 MiB (two bytes a
/// character), an array of at most M/4 MiB of element slots (eight bytes each), the data folder grown by at
/// most M MiB through <c>files</c> per attempt, and, across the host, what scripts retain (<see cref="HeapBudget"/>). Each is refused
/// before the allocation or the write where it can be, so one statement cannot take the host to gigabytes.
/// </summary>
internal sealed class MemoryLimits
{
    private const long MiB = 1024 * 1024;

    public MemoryLimits(int memoryMb)
    {
        MemoryMb = memoryMb;
        var bytes = Enabled ? memoryMb * MiB : long.MaxValue;
        MaxStringChars = Enabled ? bytes / 4 / sizeof(char) : int.MaxValue;
        MaxArrayLength = Enabled ? (uint)Math.Min(uint.MaxValue, bytes / 4 / IntPtr.Size) : uint.MaxValue;
        Bytes = bytes;
    }

    /// <summary>0 or less is no limit, as for every other <c>Script</c> limit.</summary>
    public bool Enabled => MemoryMb > 0;

    public int MemoryMb { get; }

    public long MaxStringChars { get; }

    public uint MaxArrayLength { get; }

    /// <summary>
    /// <c>MemoryMb</c> in bytes: what one attempt may write through <c>files.write</c> and <c>files.append</c> together
    /// (UTF-8), and how much it allocates between two measurements of what scripts hold.
    /// </summary>
    public long Bytes { get; }

    public string StringTooLong(long chars) =>
        $"memory limit: a string of {chars:N0} characters is longer than the {Size(MaxStringChars * sizeof(char))} limit "
        + $"({MaxStringChars:N0} characters; Script:MemoryMb {MemoryMb})";

    public string ArrayTooLong() => $"memory limit: an array longer than the {MaxArrayLength:N0}-element limit (Script:MemoryMb {MemoryMb})";

    public string WritesTooLarge(string function, string relative, long bytes, long written) =>
        $"{function}: '{relative}': writing {bytes:N0} bytes would take what this attempt wrote past the {Size(Bytes)} limit "
        + $"({written:N0} bytes so far; Script:MemoryMb {MemoryMb})";

    public string ReadTooLarge(string relative, long bytes) =>
        $"files.read: '{relative}' is {bytes:N0} bytes, longer than the {Size(MaxStringChars * sizeof(char))} string limit (Script:MemoryMb {MemoryMb})";

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.##} MiB");
}
