namespace Symbol.Orchestrator.Host.Tests;

/// <summary>A fact that needs a FIFO: skipped on Windows, which has none as a file.</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "needs a POSIX FIFO";
    }
}
