using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Symbol.Orchestrator.Scripting;

/// <summary>A job's return value as its output: JSON of at most 1 MiB; <c>undefined</c> is <c>null</c>.</summary>
internal static class OutputSerializer
{
    public const int MaxBytes = 1 << 20;

    /// <summary>The JSON text, or null with <paramref name="error"/> saying why the value has none.</summary>
    public static string? Serialize(Engine engine, JsValue value, out string error)
    {
        error = "";
        if (value.IsUndefined())
        {
            return "null";
        }

        JsValue json;
        try
        {
            json = new JsonSerializer(engine).Serialize(value);
        }
        catch (JavaScriptException e)
        {
            // Cyclic references and BigInt values throw a TypeError in JSON.stringify.
            error = $"output: the return value cannot be serialised to JSON: {e.Message}";
            return null;
        }
        if (!json.IsString())
        {
            error = $"output: the return value ({ScriptArgs.Describe(value)}) cannot be serialised to JSON";
            return null;
        }

        var text = json.AsString();
        if (text.Length > MaxBytes / 3 && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > MaxBytes)
        {
            error = $"output: the return value is {bytes} bytes as JSON, over the limit of 1 MiB ({MaxBytes} bytes)";
            return null;
        }
        return text;
    }
}
