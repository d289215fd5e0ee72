using System.Reflection;
using System.Runtime.CompilerServices;

namespace Symbol.Orchestrator.Language.Benchmarks;

/// <summary>
/// What a compilation keeps alive, by type: objects and bytes reachable from the result, not counting
/// the source text itself (<c>-- --profile 1 census</c>). Every collection during a compile copies
/// this, so it sets the GC's share of the compile time.
/// </summary>
internal static class Census
{
    public static void Print(object root, object? exclude)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var byType = new Dictionary<Type, (int Count, long Bytes)>();
        var stack = new Stack<object>();
        stack.Push(root);
        if (exclude is not null)
            seen.Add(exclude);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            if (!seen.Add(o))
                continue;
            var type = o.GetType();
            if (type.IsPointer || type == typeof(RuntimeTypeHandle) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type))
                continue;
            long size = SizeOf(o);
            byType[type] = byType.TryGetValue(type, out var t) ? (t.Count + 1, t.Bytes + size) : (1, size);
            if (o is string)
                continue;
            if (o is Array array)
            {
                var element = type.GetElementType()!;
                if (!element.IsPrimitive)
                    foreach (var item in array)
                    {
                        if (item is null)
                            continue;
                        if (element.IsValueType)
                            Fields(item, stack);
                        else
                            stack.Push(item);
                    }
                continue;
            }
            Fields(o, stack);
        }
        long total = byType.Values.Sum(v => v.Bytes);
        Console.WriteLine($"{byType.Values.Sum(v => v.Count):N0} objects, {total / 1048576.0:F2} MB");
        foreach (var (type, (count, bytes)) in byType.OrderByDescending(p => p.Value.Bytes).Take(30))
            Console.WriteLine($"{bytes / 1024.0,9:F0} KB {count,8:N0}  {type}");
    }

    private static void Fields(object o, Stack<object> stack)
    {
        for (var type = o.GetType(); type is not null; type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    continue;
                var value = field.GetValue(o);
                if (value is null)
                    continue;
                if (field.FieldType.IsValueType)
                {
                    if (!field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
                        Fields(value, stack);
                }
                else
                    stack.Push(value);
            }
    }

    private static readonly Dictionary<Type, long> Sizes = new();

    private static long SizeOf(object o)
    {
        if (o is string s)
            return 22 + 2L * s.Length + 2 & ~7L;
        if (o is Array a)
        {
            var element = a.GetType().GetElementType()!;
            long each = element.IsValueType ? (element.IsPrimitive ? System.Runtime.InteropServices.Marshal.SizeOf(element) : ValueSize(element)) : 8;
            return 24 + each * a.Length + 7 & ~7L;
        }
        var type = o.GetType();
        if (!Sizes.TryGetValue(type, out long size))
            Sizes[type] = size = AllocatedBy(type);
        return size;
    }

    // A boxed value's size minus the box's header and method table.
    private static long ValueSize(Type type) => Math.Max(1, AllocatedBy(type) - 16);

    /// <summary>Bytes one instance takes, from a second allocation: the first also pays for loading the type.</summary>
    private static long AllocatedBy(Type type)
    {
        RuntimeHelpers.GetUninitializedObject(type);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RuntimeHelpers.GetUninitializedObject(type);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
