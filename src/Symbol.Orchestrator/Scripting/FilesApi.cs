using System.Runtime.CompilerServices;
using System.Text;
using Symbol.Orchestrator.Language;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime.Interop;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// <c>files.read/write/append/exists/list</c>: UTF-8 text under the data folder. Every path goes through
/// <see cref="DataRootPath"/>; a refused path or a failed operation is an error the script can catch.
/// </summary>
internal sealed class FilesApi(DataRootPath root, MemoryLimits limits)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly Lock[] WriteLocks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    /// <summary>The <c>files</c> object of one attempt, which counts what that attempt writes.</summary>
    public JsObject Create(Engine engine)
    {
        var written = new StrongBox<long>();
        var files = new JsObject(engine);
        files.FastSetDataProperty("read", new ClrFunction(engine, "read", (_, args) => Read(engine, args)));
        files.FastSetDataProperty("write", new ClrFunction(engine, "write", (_, args) => Write(engine, args, append: false, written)));
        files.FastSetDataProperty("append", new ClrFunction(engine, "append", (_, args) => Write(engine, args, append: true, written)));
        files.FastSetDataProperty("exists", new ClrFunction(engine, "exists", (_, args) => Exists(engine, args)));
        files.FastSetDataProperty("list", new ClrFunction(engine, "list", (_, args) => List(engine, args)));
        return files;
    }

    private JsValue Read(Engine engine, JsValue[] args)
    {
        var (relative, path) = Resolve(engine, args, "files.read");
        return Io(engine, "files.read", relative, () =>
        {
            RefuseSpecialFile(engine, "files.read", relative, path);
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw ScriptArgs.Error(engine, $"files.read: '{relative}' does not exist");
            }
            // A file of n UTF-8 bytes reads as at most n characters.
            if (file.Length > limits.MaxStringChars)
            {
                throw ScriptArgs.Error(engine, limits.ReadTooLarge(relative, file.Length));
            }
            return new JsString(File.ReadAllText(path, Utf8));
        });
    }

    /// <summary><c>write(path, text)</c> and <c>append(path, text)</c>; a value that is not a string is written as JSON.</summary>
    /// <remarks>
    /// An attempt grows the data folder by at most <see cref="MemoryLimits.Bytes"/>: a write that would pass it is
    /// refused before anything is written, so a failed job does not leave gigabytes behind.
    /// </remarks>
    private JsValue Write(Engine engine, JsValue[] args, bool append, StrongBox<long> written)
    {
        var function = append ? "files.append" : "files.write";
        var (relative, path) = Resolve(engine, args, function);
        var text = TextOf(engine, ScriptArgs.At(args, 1), function);
        var bytes = Utf8.GetByteCount(text);
        // What the data folder grows by: rewriting one small state file in a loop adds nothing.
        var growth = append || !File.Exists(path) ? bytes : bytes - new FileInfo(path).Length;
        if (written.Value + growth > limits.Bytes)
        {
            throw ScriptArgs.Error(engine, limits.WritesTooLarge(function, relative, bytes, written.Value));
        }
        return Io(engine, function, relative, () =>
        {
            if (Directory.Exists(path))
            {
                throw ScriptArgs.Error(engine, $"{function}: '{relative}' is a folder");
            }
            RefuseSpecialFile(engine, function, relative, path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // .NET appends at the end it saw when it opened the file (no O_APPEND): two runs appending to one file at once
            // would overwrite each other's lines. One lock per path (striped) keeps every line of this process's runs.
            lock (WriteLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)WriteLocks.Length)])
            {
                if (append)
                {
                    File.AppendAllText(path, text, Utf8);
                }
                else
                {
                    File.WriteAllText(path, text, Utf8);
                }
            }
            written.Value += growth;
            return JsValue.Undefined;
        });
    }

    private JsValue Exists(Engine engine, JsValue[] args)
    {
        var (_, path) = Resolve(engine, args, "files.exists");
        return File.Exists(path) || Directory.Exists(path) ? JsBoolean.True : JsBoolean.False;
    }

    /// <summary><c>list(folder = "")</c>: the folder's entries as paths relative to the data folder, sorted; folders end in <c>/</c>.</summary>
    private JsValue List(Engine engine, JsValue[] args)
    {
        var folder = ScriptArgs.OptionalString(engine, args, 0, "files.list", "folder") ?? "";
        var path = ResolveOrThrow(engine, folder, "files.list");
        return Io(engine, "files.list", folder, () =>
        {
            if (!Directory.Exists(path))
            {
                return new JsArray(engine, []);
            }
            var names = new DirectoryInfo(path).EnumerateFileSystemInfos()
                .Select(entry => root.ToRelative(entry.FullName) + (entry is DirectoryInfo ? "/" : ""))
                .Order(StringComparer.Ordinal)
                .Select(name => (JsValue)new JsString(name))
                .ToArray();
            return new JsArray(engine, names);
        });
    }

    /// <summary>
    /// Opening a FIFO blocks until its other end opens (past the timeout: no statement check runs inside
    /// the open), and a device such as <c>/dev/zero</c> never ends, so neither is ever opened.
    /// </summary>
    private static void RefuseSpecialFile(Engine engine, string function, string relative, string path)
    {
        if (FileKind.NotRegular(path) is { } kind)
        {
            throw ScriptArgs.Error(engine, $"{function}: '{relative}' is not a regular file ({kind}); files reads and writes regular files only");
        }
    }

    private (string Relative, string Path) Resolve(Engine engine, JsValue[] args, string function)
    {
        var relative = ScriptArgs.String(engine, args, 0, function, "the path");
        if (relative.Length == 0)
        {
            throw ScriptArgs.TypeError(engine, $"{function}: the path is empty");
        }
        return (relative, ResolveOrThrow(engine, relative, function));
    }

    private string ResolveOrThrow(Engine engine, string relative, string function) =>
        root.TryResolve(relative, out var path, out var error) ? path : throw ScriptArgs.Error(engine, $"{function}: {error}");

    private static string TextOf(Engine engine, JsValue value, string function)
    {
        if (value.IsString())
        {
            return value.AsString();
        }
        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsString() ? json.AsString() : throw ScriptArgs.TypeError(engine, $"{function}: the text must be a string or a JSON value, not {ScriptArgs.Describe(value)}");
    }

    /// <summary>Turns the file system's exceptions into errors the script can catch, naming the path it gave.</summary>
    private static JsValue Io(Engine engine, string function, string relative, Func<JsValue> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ScriptArgs.Error(engine, $"{function}: '{relative}': {e.Message}");
        }
    }
}
