using System.Runtime.InteropServices;

namespace Symbol.Orchestrator.Language;

/// <summary>
/// What kind of file a path names, from its <c>stat</c>, without opening it: opening a FIFO blocks until a writer
/// comes (a FIFO named <c>x.flow</c> hung <c>validate</c> and every later hot reload), and a device such as
/// <c>/dev/zero</c> never ends. .NET reports both as ordinary files, so this asks the runtime's own native layer
/// (<c>libSystem.Native</c>, part of every .NET runtime on Unix, whose <c>FileStatus</c> is the same on every Unix).
/// The compiler reads .flow files and scripts through it, and the scripts' <c>files</c> API its data files.
/// </summary>
internal static class FileKind
{
    // pal_io.h: FileStatus starts { int32 Flags; int32 Mode; … }, and Mode's type bits are these on every Unix.
    private const int ModeOffset = 4;
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    /// <summary>
    /// Null for a regular file (a symbolic link is followed to what it names) or a path that does not exist;
    /// otherwise what it is, for an error: <c>a FIFO</c>, <c>a device</c>, <c>a socket</c>, <c>a folder</c>.
    /// </summary>
    public static string? NotRegular(string path)
    {
        if (OperatingSystem.IsWindows())
            return System.IO.Directory.Exists(path) ? "a folder" : null;
        var status = new byte[256]; // larger than the whole struct
        try
        {
            if (Stat(path, status) != 0)
                return null; // missing or unreadable: opening it says which
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A runtime without this entry point: fall back to .NET's own view, which knows folders only.
            return System.IO.Directory.Exists(path) ? "a folder" : null;
        }
        return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
        {
            Regular => null,
            Directory => "a folder",
            Fifo => "a FIFO",
            CharacterDevice or BlockDevice => "a device",
            Socket => "a socket",
            _ => "a special file",
        };
    }

    // The path is marshalled as UTF-8 by its MarshalAs; CA2101 asks for a CharSet, which that attribute overrides.
#pragma warning disable CA2101
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
#pragma warning restore CA2101
}
