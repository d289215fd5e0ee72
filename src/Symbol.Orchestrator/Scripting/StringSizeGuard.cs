using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsFunction = Jint.Native.Function.Function;

namespace Symbol.Orchestrator.Scripting;

/// <summary>
/// Refuses a string over <see cref="MemoryLimits.MaxStringChars"/> before it is allocated, where one call makes it in
/// one go: <c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>concat</c> and <c>Array.prototype.join</c>. Jint's own
/// cap is the language's (2^29 characters, 1 GiB), so <c>"a".repeat(2**28)</c> took 512 MiB in one statement before
/// any memory check ran. Each wrapper converts its receiver and arguments once, in the order the built-in would, and
/// hands the built-in those primitives, so no <c>toString</c> or <c>valueOf</c> runs twice.
/// </summary>
internal static class StringSizeGuard
{
    public static void Install(Engine engine, MemoryLimits limits)
    {
        var strings = Prototype(engine, "String");
        Wrap(engine, strings, "repeat", (original, self, args) =>
        {
            var text = TypeConverter.ToString(self);
            var count = TypeConverter.ToNumber(ScriptArgs.At(args, 0));
            // NaN, negatives and infinities are the built-in's to refuse (with its RangeError).
            if (double.IsFinite(count) && count >= 1)
            {
                Check(limits, text.Length * Math.Floor(count));
            }
            return original.Call(new JsString(text), [JsNumber.Create(count)]);
        });
        Wrap(engine, strings, "padStart", (original, self, args) => Pad(original, self, args, limits));
        Wrap(engine, strings, "padEnd", (original, self, args) => Pad(original, self, args, limits));
        Wrap(engine, strings, "concat", (original, self, args) =>
        {
            var text = TypeConverter.ToString(self);
            var parts = new JsValue[args.Length];
            double length = text.Length;
            for (var i = 0; i < args.Length; i++)
            {
                var part = TypeConverter.ToString(args[i]);
                length += part.Length;
                parts[i] = new JsString(part);
            }
            Check(limits, length);
            return original.Call(new JsString(text), parts);
        });
        // A primitive receiver (join.call("abc")) is the built-in's: its elements are the primitive's own.
        var joining = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        Wrap(engine, Prototype(engine, "Array"), "join", (original, self, args) =>
            self is ObjectInstance array ? Join(array, args, limits, joining) : original.Call(self, args));
    }

    /// <summary>The specification's steps: the fill is converted only when the string is to grow.</summary>
    private static JsValue Pad(JsFunction original, JsValue self, JsValue[] args, MemoryLimits limits)
    {
        var text = TypeConverter.ToString(self);
        var length = TypeConverter.ToLength(ScriptArgs.At(args, 0));
        if (length <= (ulong)text.Length)
        {
            return new JsString(text);
        }
        var fill = ScriptArgs.At(args, 1);
        var filler = fill.IsUndefined() ? " " : TypeConverter.ToString(fill);
        if (filler.Length == 0)
        {
            return new JsString(text);
        }
        Check(limits, length);
        return original.Call(new JsString(text), [JsNumber.Create((double)length), new JsString(filler)]);
    }

    /// <summary>
    /// <c>Array.prototype.join</c> as the specification writes it (each element read and converted once, in order),
    /// counting as it goes, because what the elements' strings add up to is only known while joining them. An array
    /// met again inside its own join is empty, as in V8 and in Jint's own join (<c>a = [1]; a.push(a); a.join()</c>).
    /// </summary>
    private static JsValue Join(ObjectInstance array, JsValue[] args, MemoryLimits limits, HashSet<ObjectInstance> joining)
    {
        var length = TypeConverter.ToLength(array.Get("length"));
        var separator = ScriptArgs.At(args, 0) is var given && given.IsUndefined() ? "," : TypeConverter.ToString(given);
        if (length == 0 || !joining.Add(array))
        {
            return JsString.Empty;
        }
        try
        {
            Check(limits, (double)separator.Length * (length - 1));
            var text = new StringBuilder();
            for (ulong index = 0; index < length; index++)
            {
                if (index > 0)
                {
                    text.Append(separator);
                }
                var element = array.Get(JsNumber.Create((double)index));
                if (!IsAbsent(element))
                {
                    var next = TypeConverter.ToString(element);
                    Check(limits, (double)text.Length + next.Length);
                    text.Append(next);
                }
            }
            return new JsString(text.ToString());
        }
        finally
        {
            joining.Remove(array);
        }
    }

    private static void Check(MemoryLimits limits, double length)
    {
        if (length > limits.MaxStringChars)
        {
            throw new ScriptLimitException(limits.StringTooLong((long)Math.Min(length, long.MaxValue)));
        }
    }

    private static bool IsAbsent(JsValue value) => value.IsNull() || value.IsUndefined();

    private static ObjectInstance Prototype(Engine engine, string constructor) =>
        engine.GetValue(constructor).AsObject().Get("prototype").AsObject();

    /// <summary>Puts a guard in front of a built-in; a receiver of null or undefined goes straight to it, for its own TypeError.</summary>
    private static void Wrap(Engine engine, ObjectInstance prototype, string name, Func<JsFunction, JsValue, JsValue[], JsValue> guard)
    {
        var original = (JsFunction)prototype.Get(name).AsObject();
        var length = (int)TypeConverter.ToNumber(original.Get("length"));
        prototype.FastSetDataProperty(name, new ClrFunction(engine, name, (self, args) =>
            IsAbsent(self) ? original.Call(self, args) : guard(original, self, args), length));
    }
}
