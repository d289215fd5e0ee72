using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace Symbol.Scheduling;

/// <summary>
/// Binds a callable's parameters once, at construction: positional arguments first, then named ones,
/// then parameter defaults; a <see cref="CancellationToken"/> or <see cref="ScheduledFire"/> parameter
/// is supplied at each fire. Mistakes fail here with the job's name, not at 3 a.m. when it fires.
/// </summary>
internal sealed class JobBinding
{
    private enum Slot : byte { Value, Cancellation, Fire }

    private readonly Delegate _callable;
    private readonly object?[] _values;
    private readonly Slot[] _slots;

    private JobBinding(Delegate callable, object?[] values, Slot[] slots, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments)
    {
        _callable = callable;
        _values = values;
        _slots = slots;
        Arguments = arguments;
        NamedArguments = namedArguments;
    }

    /// <summary>The arguments as given, kept for <see cref="ScheduledJob.Arguments"/> and for saving.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    public IReadOnlyDictionary<string, object?> NamedArguments { get; }

    public static JobBinding Bind(string jobName, Delegate callable, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> namedArgs)
    {
        var parameters = callable.Method.GetParameters();
        var values = new object?[parameters.Length];
        var slots = new Slot[parameters.Length];
        int nextPositional = 0;
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var type = parameter.ParameterType;
            if (type == typeof(CancellationToken)) { slots[i] = Slot.Cancellation; continue; }
            if (type == typeof(ScheduledFire)) { slots[i] = Slot.Fire; continue; }
            object? value;
            if (nextPositional < args.Count)
                value = args[nextPositional++];
            else if (parameter.Name is { } name && namedArgs.TryGetValue(name, out value))
                usedNames.Add(name);
            else if (parameter.HasDefaultValue)
                value = parameter.DefaultValue;
            else
                throw new ArgumentException($"job '{jobName}': no value for parameter '{parameter.Name}' of {Describe(callable)}");
            values[i] = Convert(jobName, parameter, value);
        }
        if (nextPositional < args.Count)
            throw new ArgumentException($"job '{jobName}': {Describe(callable)} takes {nextPositional} positional argument(s) but {args.Count} were given");
        foreach (var name in namedArgs.Keys)
        {
            if (!usedNames.Contains(name))
                throw new ArgumentException($"job '{jobName}': {Describe(callable)} has no parameter '{name}' (it has: {string.Join(", ", parameters.Select(p => p.Name))})");
        }
        return new JobBinding(callable, values, slots, args.ToArray(), new Dictionary<string, object?>(namedArgs, StringComparer.Ordinal));
    }

    public ValueTask InvokeAsync(in ScheduledFire fire)
    {
        var arguments = (object?[])_values.Clone();
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] == Slot.Cancellation) arguments[i] = fire.CancellationToken;
            else if (_slots[i] == Slot.Fire) arguments[i] = fire;
        }
        object? result;
        try
        {
            result = _callable.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        return result switch
        {
            Task task => new ValueTask(task),
            ValueTask valueTask => valueTask,
            _ => default,
        };
    }

    private static object? Convert(string jobName, ParameterInfo parameter, object? value)
    {
        var type = parameter.ParameterType;
        try
        {
            // Arguments read back from a saved schedule arrive as JSON and take the parameter's type.
            if (value is JsonElement json && type != typeof(JsonElement))
                return json.Deserialize(type);
            if (value is null)
            {
                if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                    throw new ArgumentException("null given for a non-nullable parameter");
                return null;
            }
            if (type.IsInstanceOfType(value))
                return value;
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
                return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
            throw new ArgumentException($"a {value.GetType().Name} cannot be passed as {type.Name}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or FormatException or OverflowException or JsonException or NotSupportedException)
        {
            throw new ArgumentException($"job '{jobName}': parameter '{parameter.Name}': {ex.Message}", ex);
        }
    }

    private static string Describe(Delegate callable) => $"{callable.Method.Name}({string.Join(", ", callable.Method.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})";
}
