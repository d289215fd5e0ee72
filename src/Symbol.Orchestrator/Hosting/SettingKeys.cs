using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Symbol.Orchestrator.Language.Diagnostics;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// The keys the <c>Orchestrator</c> section may hold, read from <see cref="OrchestratorOptions"/> by reflection: its
/// public settable properties, nested settings as sections (<c>Script:Timeout</c>), arrays by index
/// (<c>Http:AllowedHosts:0</c>). A setting added to the options is known here with no list to keep in step. Keys
/// are case-insensitive, as the configuration binder reads them.
/// </summary>
internal static class SettingKeys
{
    /// <summary>Every key under <paramref name="section"/> that names no setting, with the closest one that does, if any.</summary>
    public static IEnumerable<(string Key, string? Suggestion)> Unknown(IConfigurationSection section) => Unknown(section, typeof(OrchestratorOptions));

    /// <summary>
    /// The keys at the top of <paramref name="file"/> that name a setting of the <c>Orchestrator</c> section (<c>Http</c>
    /// beside <c>Orchestrator</c>, not in it): read by nothing, so a mistake the host would otherwise quietly ignore.
    /// Other top-level sections (<c>Logging</c>, <c>$schema</c>) are left alone.
    /// </summary>
    public static IEnumerable<string> Misplaced(IConfiguration file)
    {
        var settings = typeof(OrchestratorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });
        return file.GetChildren()
            .Where(child => settings.Any(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase)))
            .Select(child => child.Key);
    }

    private static IEnumerable<(string Key, string? Suggestion)> Unknown(IConfigurationSection section, Type type)
    {
        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).ToArray();
        foreach (var child in section.GetChildren())
        {
            var setting = settings.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                var closest = DidYouMean.Closest(child.Key, settings.Select(p => p.Name));
                yield return (child.Path, closest is null ? null : child.Path[..(child.Path.Length - child.Key.Length)] + closest);
            }
            else if (setting.PropertyType.IsArray)
            {
                foreach (var item in child.GetChildren().Where(i => !int.TryParse(i.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    yield return (item.Path, null);
            }
            else if (setting.PropertyType.IsClass && setting.PropertyType != typeof(string))
            {
                foreach (var unknown in Unknown(child, setting.PropertyType))
                    yield return unknown;
            }
        }
    }
}
