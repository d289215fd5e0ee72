using System.Diagnostics;
using System.Net.Sockets;

namespace Symbol.Orchestrator.Tests.Scripting;

/// <summary>
/// <c>files</c> refuses what is not a regular file without opening it: opening a FIFO blocks until its other end
/// opens, past the attempt's timeout. POSIX only (mkfifo, Unix sockets): skipped on Windows.
/// </summary>
public sealed class SpecialFileTests
{
    [PosixTheory]
    [InlineData("return files.read('pipe');", "files.read")]
    [InlineData("files.write('pipe', 'x');", "files.write")]
    [InlineData("files.append('pipe', 'x');", "files.append")]
    public async Task AFifo_IsRefused_WithoutWaitingForItsOtherEnd(string code, string function)
    {
        using var sandbox = new Sandbox();
        MakeFifo(Path.Combine(sandbox.DataRoot, "pipe"));

        // Before the fix the open blocked for good: the bound turns that into a failure instead of a hung run.
        var result = await sandbox.RunAsync(code, TimeSpan.FromSeconds(2)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal($"Error: {function}: 'pipe' is not a regular file (a FIFO); files reads and writes regular files only (at test.flow:1)", result.Error);
    }

    [PosixFact]
    public async Task ASocket_IsRefused()
    {
        using var sandbox = new Sandbox();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(sandbox.DataRoot, "sock")));

        var error = await sandbox.ErrorAsync("return files.read('sock');");

        Assert.Contains("files.read: 'sock' is not a regular file (a socket)", error);
    }

    [PosixFact]
    public async Task ExistsAndList_StillSeeAFifo()
    {
        using var sandbox = new Sandbox();
        MakeFifo(Path.Combine(sandbox.DataRoot, "pipe"));

        Assert.Equal("[true,[\"pipe\"]]", await sandbox.OutputAsync("return [files.exists('pipe'), files.list()];"));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, mkfifo.StandardError.ReadToEnd());
    }
}
