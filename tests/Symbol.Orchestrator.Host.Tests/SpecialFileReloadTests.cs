using System.Runtime.InteropServices;

namespace Symbol.Orchestrator.Host.Tests;

/// <summary>
/// A FIFO named <c>x.flow</c> in the watched folder once hung the reload that read it, and every reload after it:
/// later files were never loaded and nothing was logged. Now it is an error on that file and the rest load.
/// </summary>
public sealed class SpecialFileReloadTests
{
    [PosixFact]
    public void AFifoInTheWatchedFolderIsAnErrorAndLaterFilesStillLoad()
    {
        using var folder = new HostFolder();
        using var host = HostProcess.Start(folder.Config);
        host.WaitFor("Started: 0 workflows");

        Assert.Equal(0, MakeFifo(folder.Flow("stuck.flow"), Convert.ToUInt32("644", 8)));
        host.WaitFor("stuck.flow:1:1: not a regular file (a FIFO)");

        folder.Write(folder.Flow("beat.flow"), """
            workflow beat {
                schedule every 1s
                job write { run ``` files.append("beat.txt", run.scheduledAt + "\n"); ``` }
            }
            """);
        host.WaitFor("Reload: added beat");
        Wait.Until(() => File.Exists(folder.DataFile("beat.txt")), "the workflow added after the FIFO to fire", () => host.Output);
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
