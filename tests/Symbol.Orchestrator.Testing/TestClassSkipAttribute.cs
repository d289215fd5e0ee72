using System.Reflection;
using Xunit.Abstractions;

namespace Symbol.Orchestrator.Testing;

/// <summary>
/// On a test class: its <see cref="StoreFactAttribute"/> tests, inherited ones included, are skipped with
/// <see cref="SkipReason"/> when that is not null. A contract test class written once with plain facts can so be run
/// against a store that this machine may lack (<see cref="RequiresPostgresAttribute"/>), with the reason shown.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class TestClassSkipAttribute : Attribute
{
    public abstract string? SkipReason { get; }

    /// <summary>The first skip reason among the attributes of <paramref name="testClass"/> and its bases, or null.</summary>
    public static string? ReasonFor(ITypeInfo testClass) =>
        testClass is IReflectionTypeInfo reflected
            ? reflected.Type.GetCustomAttributes<TestClassSkipAttribute>(inherit: true).Select(a => a.SkipReason).FirstOrDefault(r => r is not null)
            : null;
}

/// <summary>The class's <see cref="StoreFactAttribute"/> tests need PostgreSQL: skipped with <see cref="PrivatePostgres.SkipReason"/> without one.</summary>
public sealed class RequiresPostgresAttribute : TestClassSkipAttribute
{
    public override string? SkipReason => PrivatePostgres.SkipReason;
}
