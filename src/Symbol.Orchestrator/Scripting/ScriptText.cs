using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Json;
using Jint.Runtime;

namespace Symbol.Orchestrator.Scripting;

/// <summary>A JavaScript value as a line of text, for logs and error messages.</summary>
internal static class ScriptText
{
    /// <summary>Strings as they are, errors as <c>TypeError: ...</c>, plain objects and arrays as JSON, the rest as JavaScript prints them.</summary>
    public static string Of(Engine engine, JsValue value)
    {
        if (value.IsString())
        {
            return value.AsString();
        }
        if (value.IsCallable())
        {
            return "[function]";
        }
        if (value is ErrorInstance || !value.IsObject())
        {
            return value.ToString();
        }
        try
        {
            var json = new JsonSerializer(engine).Serialize(value);
            return json.IsString() ? json.AsString() : value.ToString();
        }
        catch (JavaScriptException)
        {
            return value.ToString();   // cyclic, or holds a BigInt
        }
    }
}
