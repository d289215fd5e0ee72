using System.Runtime.InteropServices;

namespace Symbol.Scheduling;

/// <summary>
/// Sleeps for less than a millisecond, which .NET's own waits cannot (they count whole milliseconds).
/// The scheduler uses it for the last stretch before a fire instead of spinning: on a busy machine a
/// spinning thread is pre-empted for a whole time slice, while a thread waking from a sleep runs at once.
/// </summary>
internal static partial class ShortSleep
{
    private static readonly bool HasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Sleeps about <paramref name="span"/> (timer slack adds some 50 µs) where the OS allows it, else yields once.</summary>
    public static void For(TimeSpan span)
    {
        if (!HasNanosleep || span <= TimeSpan.Zero)
        {
            Thread.Yield();
            return;
        }
        var request = new Timespec { Seconds = 0, Nanoseconds = (nint)(Math.Min(span.Ticks, TimeSpan.TicksPerSecond - 1) * 100) };
        try
        {
            _ = nanosleep(ref request, IntPtr.Zero);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            Thread.Yield();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);
}
