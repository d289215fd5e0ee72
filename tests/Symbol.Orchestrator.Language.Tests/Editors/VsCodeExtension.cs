using System.Diagnostics;

namespace Symbol.Orchestrator.Language.Tests.Editors;

/// <summary>
/// The VS Code extension in <c>editors/vscode</c> and node, which runs its tests. Without its <c>node_modules</c> (or
/// without node) those tests skip, saying how to install them, unless <c>REQUIRE_GRAMMAR_TESTS=1</c> (CI) makes them
/// fail instead.
/// </summary>
internal static class VsCodeExtension
{
    public static string Folder { get; } = Path.Combine(RepositoryFolder.Path, "editors", "vscode");

    public static string? SkipReason { get; } = FindSkipReason();

    private static bool Required => Environment.GetEnvironmentVariable("REQUIRE_GRAMMAR_TESTS") == "1";

    private static string? FindSkipReason()
    {
        if (Required)
            return null;
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
            return "no node_modules in editors/vscode: cd editors/vscode && npm ci (Node.js and npm: apt-get install nodejs npm); REQUIRE_GRAMMAR_TESTS=1 makes this a failure";
        try
        {
            return Node("--version").Code == 0 ? null : "node --version failed: install Node.js (apt-get install nodejs); REQUIRE_GRAMMAR_TESTS=1 makes this a failure";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on the PATH: install Node.js (apt-get install nodejs); REQUIRE_GRAMMAR_TESTS=1 makes this a failure";
        }
    }

    /// <summary>Runs node with <paramref name="args"/> in the extension's folder: its exit code and everything it printed.</summary>
    public static (int Code, string Output) Node(params string[] args)
    {
        // Reached without node_modules only when REQUIRE_GRAMMAR_TESTS=1 turned the skip off: say what is missing.
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
            throw new InvalidOperationException("no node_modules in editors/vscode: cd editors/vscode && npm ci");
        var info = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', args)} did not end within 3 minutes");
        }
        return (process.ExitCode, $"{stdout.Result}{stderr.Result}".Trim());
    }
}

/// <summary>A test that runs node in <c>editors/vscode</c>: skipped with <see cref="VsCodeExtension.SkipReason"/> when it cannot.</summary>
public sealed class ExtensionFactAttribute : FactAttribute
{
    public ExtensionFactAttribute() => Skip = VsCodeExtension.SkipReason;
}
