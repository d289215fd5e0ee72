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

    private readonly string _temp = Directory.CreateTempSubdirectory("orchestrator-tool-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_whose_orchestrator_command_runs_the_verbs()
    {
        var root = ShippedExamplesTests.RepositoryRoot();
        var artifacts = Path.Combine(_temp, "artifacts");
        var tools = Path.Combine(_temp, "tools");
        // Only the package just made is a source: no network, and no older Symbol.Orchestrator.Cli from elsewhere.
        var nugetConfig = Path.Combine(_temp, "nuget.config");
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
        var workflows = Directory.CreateDirectory(Path.Combine(_temp, "workflows")).FullName;
        var info = new ProcessStartInfo(orchestrator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "run", "--workflows", workflows, "--state", Path.Combine(_temp, "state.db"), "--data", Path.Combine(_temp, "data") })
            info.ArgumentList.Add(arg);
        using var host = Process.Start(info)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = new ManualResetEventSlim();
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lines.Enqueue(e.Data);
            if (e.Data.Contains("Started:", StringComparison.Ordinal))
                started.Set();
        };
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            Assert.True(started.Wait(TimeSpan.FromMinutes(1)), "the host did not start:\n" + string.Join('\n', lines));
            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.True(host.WaitForExit(TimeSpan.FromMinutes(1)), "the host did not stop on SIGTERM:\n" + string.Join('\n', lines));
            host.WaitForExit(); // flushes the redirected output
            Assert.Equal(0, host.ExitCode);
            Assert.Contains(lines, l => l.Contains("Stopped", StringComparison.Ordinal));
        }
        finally
        {
            if (!host.HasExited)
                host.Kill();
        }
    }

    // Runs a command to its end (bounded, never a fixed sleep) and returns its output; any exit but 0 fails the test with it.
    private string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // A package folder of its own, so the test leaves nothing in the user's NuGet cache.
        info.Environment["NUGET_PACKAGES"] = Path.Combine(_temp, "packages");
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
