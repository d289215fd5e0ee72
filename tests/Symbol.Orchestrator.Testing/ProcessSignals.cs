using System.Runtime.InteropServices;

namespace Symbol.Orchestrator.Testing;

/// <summary>Sends a POSIX signal without starting a process (<c>kill</c> would), for handlers at process exit that have little time.</summary>
internal static class ProcessSignals
{
    /// <summary>SIGQUIT: PostgreSQL's postmaster shuts down at once on it (<c>pg_ctl -m immediate</c>), its children with it.</summary>
    public const int Quit = 3;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false if it could not (no such process, or not allowed).</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    // DllImport rather than LibraryImport, whose generated code needs the project to allow unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
