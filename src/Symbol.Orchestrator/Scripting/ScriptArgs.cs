using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Symbol.Orchestrator.Scripting;

/// <summary>Argument reading and error raising for the host functions a script calls.</summary>
internal static class ScriptArgs
{
    public static JsValue At(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    public static string String(Engine engine, JsValue[] args, int index, string function, string name)
    {
        var value = At(args, index);
        return value.IsString() ? value.AsString() : throw TypeError(engine, $"{function}: {name} must be a string, not {Describe(value)}");
    }

    public static string? OptionalString(Engine engine, JsValue[] args, int index, string function, string name)
    {
        var value = At(args, index);
        return value.IsUndefined() || value.IsNull() ? null : String(engine, args, index, function, name);
    }

    /// <summary>An error the script can catch, reported at the script line that made the call.</summary>
    public static JavaScriptException Error(Engine engine, string message) => new(engine.Intrinsics.Error, message);

    public static JavaScriptException TypeError(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);

    public static string Describe(JsValue value) =>
        value.IsUndefined() ? "undefined"
        : value.IsNull() ? "null"
        : value.IsArray() ? "an array"
        : value.IsCallable() ? "a function"
        : value.IsObject() ? "an object"
        : value.IsBigInt() ? "a bigint"
        : value.IsSymbol() ? "a symbol"
        : value.IsNumber() ? "a number"
        : value.IsBoolean() ? "a boolean"
        : "a string";
}
