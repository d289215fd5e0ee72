namespace Symbol.Orchestrator.Language.Tests;

/// <summary>A fact that needs FIFOs and symbolic links to devices: skipped on Windows, which has neither as files.</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "needs POSIX special files (FIFOs, /dev/zero)";
    }
}
