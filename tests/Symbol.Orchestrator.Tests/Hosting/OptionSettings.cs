using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Tests.Hosting;

/// <summary>A key a user can write in the <c>Orchestrator</c> section (<c>Script:Timeout</c>), its property's type and how to read its value.</summary>
internal sealed record OptionSetting(string Key, Type Type, Func<OrchestratorOptions, object?> Read);

/// <summary>Every setting of <see cref="OrchestratorOptions"/>, found as <c>SettingKeys</c> finds them: public settable properties, nested settings as sections.</summary>
internal static class OptionSettings
{
    public static IEnumerable<OptionSetting> All() => Of(typeof(OrchestratorOptions), "", o => o);

    private static IEnumerable<OptionSetting> Of(Type type, string prefix, Func<OrchestratorOptions, object?> parent)
    {
        foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
        {
            Func<OrchestratorOptions, object?> read = o => property.GetValue(parent(o));
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
                foreach (var nested in Of(property.PropertyType, $"{prefix}{property.Name}:", read))
                    yield return nested;
            else
                yield return new OptionSetting($"{prefix}{property.Name}", property.PropertyType, read);
        }
    }
}
