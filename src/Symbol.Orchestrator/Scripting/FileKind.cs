using System.Runtime.InteropServices;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// What kind of file a path names, read from its <c>stat</c> without opening it: opening a FIFO for reading
/// blocks until a writer comes (past the attempt's timeout, which no statement check can end), and a device
/// such as <c>/dev/zero</c> never ends. .NET reports all of them as ordinary files, so this asks the runtime's
/// own native layer (<c>libSystem.Native</c>, which ships with every .NET on Unix) for the mode bits.
/// </summary>
internal static class FileKind
{
    // The runtime's own PAL values (pal_io.h), the same on every Unix.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    /// <summary>
    /// Null for a regular file, a folder or nothing at all; otherwise what the path is, for an error
    /// (<c>a FIFO</c>, <c>a device</c>, <c>a socket</c>). A symbolic link is followed to what it names.
    /// </summary>
    public static string? NotRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        // FileStatus starts { int Flags; int Mode; ... }; the buffer is larger than the whole struct.
        var status = new byte[256];
        if (Stat(path, status) != 0)
        {
            return null;   // missing, or unreadable: the operation itself says which
        }
        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            Regular or Directory => null,
            Fifo => "a FIFO",
            CharacterDevice or BlockDevice => "a device",
            Socket => "a socket",
            _ => "a special file",
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
