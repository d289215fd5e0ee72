using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// <c>log(...)</c> and <c>console.log/info/warn/error</c>: one line per call, arguments joined by a space,
/// objects as JSON. Capped so a chatty loop cannot fill the store: a line keeps its first <see cref="MaxLineChars"/>
/// characters, and past the cap lines are counted, not kept.
/// </summary>
internal sealed class LogCapture
{
    public const int MaxLines = 1000;
    public const int MaxBytes = 1 << 20;

    /// <summary>Well under <see cref="MaxBytes"/>, so one huge line is cut instead of filling the log and dropping every later line.</summary>
    public const int MaxLineChars = 16 * 1024;

    /// <summary>How a <c>console.warn</c> and a <c>console.error</c> line start, so the host logs them as warnings.</summary>
    public const string WarnPrefix = "warn: ", ErrorPrefix = "error: ";

    private readonly List<string> _lines = [];
    private int _bytes;
    private int _dropped;

    /// <summary>The captured lines, ending with a note when some were dropped.</summary>
    public IReadOnlyList<string> Lines =>
        _dropped == 0 ? _lines : [.. _lines, $"... {_dropped} more log line(s) dropped (the log of an attempt keeps {MaxLines} lines, {MaxBytes / (1 << 20)} MiB)"];

    public void Add(string line)
    {
        line = TextCap.Cut(line, MaxLineChars);
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (_dropped > 0 || _lines.Count >= MaxLines || _bytes + bytes > MaxBytes)
        {
            _dropped++;
            return;
        }
        _lines.Add(line);
        _bytes += bytes;
    }

    public void Install(Engine engine)
    {
        engine.SetValue("log", Function(engine, "log", prefix: ""));
        var console = new JsObject(engine);
        console.FastSetDataProperty("log", Function(engine, "log", prefix: ""));
        console.FastSetDataProperty("info", Function(engine, "info", prefix: ""));
        console.FastSetDataProperty("warn", Function(engine, "warn", prefix: WarnPrefix));
        console.FastSetDataProperty("error", Function(engine, "error", prefix: ErrorPrefix));
        engine.SetValue("console", console);
    }

    private ClrFunction Function(Engine engine, string name, string prefix) =>
        new(engine, name, (_, args) =>
        {
            Add(Format(engine, prefix, args));
            return JsValue.Undefined;
        });

    private static string Format(Engine engine, string prefix, JsValue[] args)
    {
        var text = new StringBuilder(prefix);
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append(ScriptText.Of(engine, args[i]));
        }
        return text.ToString();
    }
}
