using System.Diagnostics;

namespace Symbol.Orchestrator.Cli.Tests;

/// <summary>
/// Process-level, and the slowest test of this project (10-20 s): packs the CLI as a .NET tool from the build this
/// test project already made (<c>dotnet pack --no-build</c>), installs it into a temp tool path from that package
/// alone, and runs the installed <c>orchestrator</c> command, as the README's set-up tells a user to; then starts the
/// host with it and stops it with SIGTERM, as a supervisor would.
/// </summary>
[Trait("Category", "Process")]
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheCliPacksAsADotnetToolWhoseOrchestratorCommandRunsTheVerbs()
    {
        var root = ShippedExamplesTests.RepositoryRoot();
        var artifacts = _temp.File("artifacts");
        var tools = _temp.File("tools");
        // Only the package just made is a source: no network, and no older Symbol.Orchestrator.Cli from elsewhere.
        var nugetConfig = _temp.File("nuget.config");
        File.WriteAllText(nugetConfig, "<configuration><packageSources><clear /></packageSources></configuration>");

        Run("dotnet", "pack", Path.Combine(root, "src", "Symbol.Orchestrator.Cli"), "--no-build", "-c", Configuration, "-o", artifacts);
        Run("dotnet", "tool", "install", "Symbol.Orchestrator.Cli", "--tool-path", tools, "--configfile", nugetConfig, "--add-source", artifacts);
        var orchestrator = Path.Combine(tools, OperatingSystem.IsWindows() ? "orchestrator.exe" : "orchestrator");

        Assert.Contains("orchestrator [command] [options]", Run(orchestrator, "--help"));
        Assert.Contains("4 workflows: ok", Run(orchestrator, "validate", Path.Combine(root, "workflows")));
        if (!OperatingSystem.IsWindows())
            AssertSigtermStopsTheHost(orchestrator);
    }

    // What a supervisor does (docs/operations.md): start the installed command, then SIGTERM the pid it started.
    private void AssertSigtermStopsTheHost(string orchestrator)
    {
        var workflows = Directory.CreateDirectory(_temp.File("workflows")).FullName;
        using var host = HostProcess.Start(orchestrator, "run", "--workflows", workflows, "--state", _temp.File("state.db"), "--data", _temp.File("data"));
        host.WaitFor("Started:");
        host.Signal("TERM");
        Assert.Equal(0, host.WaitForExit());
        Assert.True(host.Count("Stopped") > 0, "the host did not log that it stopped:\n" + host.Output);
    }

    // Runs a command to its end (bounded, never a fixed sleep) and returns its output; any exit but 0 fails the test with it.
    private string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // A package folder of its own, so the test leaves nothing in the user's NuGet cache.
        info.Environment["NUGET_PACKAGES"] = _temp.File("packages");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // dotnet test passes its MSBuild settings down; a child dotnet pack must find its own.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{program} {string.Join(' ', args)} did not end");
        process.WaitForExit();
        var text = output.Result + error.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
