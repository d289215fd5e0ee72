using System.Runtime.InteropServices;

namespace Symbol.Orchestrator.Language.Tests;

/// <summary>Makes the special files a workflows folder can hold by mistake or by malice.</summary>
internal static class SpecialFiles
{
    public static void Fifo(string path)
    {
        if (MakeFifo(path, Convert.ToUInt32("644", 8)) != 0)
            throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
