namespace Symbol.Orchestrator.Testing;

/// <summary>
/// Tests of special files (FIFOs, Unix sockets, links to devices such as <c>/dev/zero</c>), which only POSIX systems
/// have as files, or of signals and <c>/proc</c>: skipped on Windows, with the reason, rather than passing without
/// checking anything.
/// </summary>
public static class PosixOnly
{
    public static string? SkipReason => OperatingSystem.IsWindows() ? "needs POSIX (special files, signals, /proc): run it on Linux or macOS" : null;
}

/// <summary>A <see cref="FactAttribute"/> skipped on Windows (<see cref="PosixOnly"/>).</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute() => Skip = PosixOnly.SkipReason;
}

/// <summary>A <see cref="TheoryAttribute"/> skipped on Windows (<see cref="PosixOnly"/>).</summary>
public sealed class PosixTheoryAttribute : TheoryAttribute
{
    public PosixTheoryAttribute() => Skip = PosixOnly.SkipReason;
}

/// <summary>A <see cref="FactAttribute"/> for tests that read Linux's <c>/proc</c>: skipped elsewhere, with the reason.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute() => Skip = OperatingSystem.IsLinux() ? null : "reads /proc: run it on Linux";
}
