using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Where the host and every CLI verb read their settings from (docs/configuration.md): <c>orchestrator.json</c> (or <c>--config</c>),
/// then <c>ORCHESTRATOR_*</c> environment variables, then flags. One place, so a <c>trigger</c> from the shell sees
/// the host's store, data folder and limits, and a bad value is the same error wherever it is read.
/// </summary>
public sealed class OrchestratorConfiguration
{
    private OrchestratorConfiguration(string? file, string folder)
    {
        File = file;
        Folder = folder;
    }

    /// <summary>
    /// The key, outside the <c>Orchestrator</c> section, under which <see cref="AddSources"/> records <see cref="Folder"/>
    /// for <see cref="OrchestratorServices.AddOrchestrator"/>: where the settings' relative paths start.
    /// </summary>
    public const string FolderKey = "OrchestratorConfigFolder";

    /// <summary>The configuration file, or null when there is none.</summary>
    public string? File { get; }

    /// <summary>The folder relative paths in the file are resolved against: the file's, else the working directory.</summary>
    public string Folder { get; }

    /// <summary><c>--config</c>, else <c>./orchestrator.json</c> if present; throws <see cref="FileNotFoundException"/> for a missing <c>--config</c>.</summary>
    public static OrchestratorConfiguration Locate(HostArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var file = arguments.ConfigFile ?? (System.IO.File.Exists(HostArguments.DefaultConfigFile) ? HostArguments.DefaultConfigFile : null);
        if (file is not null && !System.IO.File.Exists(file))
            throw new FileNotFoundException($"the configuration file {file} does not exist", file);
        var folder = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;
        return new OrchestratorConfiguration(file is null ? null : Path.GetFullPath(file), folder);
    }

    /// <summary>
    /// Adds the file, the environment (null: this process's) and the flags to <paramref name="builder"/>, each over the
    /// one before, and checks their keys: a key in the file's <c>Orchestrator</c> section, or an <c>ORCHESTRATOR_*</c>
    /// variable, that names no setting throws <see cref="OptionsValidationException"/> with one line each. As an unknown
    /// <c>.flow</c> setting is, a misspelt one (<c>MaxParralelJobs</c>) is an error with a did-you-mean, not a default
    /// quietly kept.
    /// </summary>
    public void AddSources(IConfigurationBuilder builder, HostArguments arguments, IReadOnlyDictionary<string, string>? environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(arguments);
        var variables = EnvironmentOverrides(environment ?? ProcessEnvironment()).ToList();
        var failures = new List<string>();
        if (File is not null)
        {
            // Read apart from the builder to name the file in the message; a chained copy would bind an empty array
            // entry (Roots: [""]) differently from the file source itself.
            var file = new ConfigurationBuilder().AddJsonFile(File, optional: false, reloadOnChange: false).Build();
            failures.AddRange(SettingKeys.Unknown(file.GetSection(OrchestratorOptions.Section))
                .Select(u => $"{u.Key} in {File} is not a setting{Suggest(u.Suggestion)}"));
            failures.AddRange(SettingKeys.Misplaced(file)
                .Select(key => $"{key} in {File} is outside the {OrchestratorOptions.Section} section, where nothing reads it{Suggest($"{OrchestratorOptions.Section}:{key}")}"));
            builder.AddJsonFile(File, optional: false, reloadOnChange: false);
        }
        var set = new ConfigurationBuilder().AddInMemoryCollection(variables).Build();
        failures.AddRange(SettingKeys.Unknown(set.GetSection(OrchestratorOptions.Section))
            .Select(u => $"{Variable(u.Key)} is not a setting{Suggest(u.Suggestion is null ? null : Variable(u.Suggestion))}"));
        builder.AddInMemoryCollection(variables);
        builder.AddInMemoryCollection(FlagOverrides(arguments));
        builder.AddInMemoryCollection([new(FolderKey, Folder)]);
        if (failures.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(OrchestratorOptions), failures);
    }

    private static string Suggest(string? key) => key is null ? "" : $" (did you mean '{key}'?)";

    // Orchestrator:Script:Timeout → ORCHESTRATOR_Script__Timeout, the variable that sets it.
    private static string Variable(string key) =>
        HostArguments.EnvironmentPrefix + key[(OrchestratorOptions.Section.Length + 1)..].Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The services a verb runs with, built as the host builds its own (<see cref="OrchestratorServices.AddOrchestrator"/>
    /// over the same sources), with the options already bound and validated. Throws what the host's start-up would:
    /// <see cref="FileNotFoundException"/>, <see cref="InvalidDataException"/> (unreadable JSON),
    /// <see cref="InvalidOperationException"/> (a value that does not convert) or <see cref="OptionsValidationException"/>.
    /// </summary>
    /// <param name="compose">What the caller's composition root adds (a verb that runs jobs: the OpenTelemetry SDK), given the configuration as a host's builder gives it.</param>
    public static ServiceProvider BuildServices(HostArguments arguments, IReadOnlyDictionary<string, string>? environment, TimeProvider time,
        Action<IServiceCollection, IConfigurationManager>? compose = null)
    {
        var configuration = new ConfigurationManager();
        Locate(arguments).AddSources(configuration, arguments, environment);
        var collection = new ServiceCollection().AddSingleton(time).AddOrchestrator(configuration);
        compose?.Invoke(collection, configuration);
        var services = collection.BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>The services, or null after writing why not on <paramref name="error"/>, one <c>error:</c> line per problem, as <c>run</c> does.</summary>
    public static ServiceProvider? TryBuildServices(HostArguments arguments, IReadOnlyDictionary<string, string>? environment, TimeProvider time, TextWriter error,
        Action<IServiceCollection, IConfigurationManager>? compose = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return BuildServices(arguments, environment, time, compose);
        }
        catch (Exception e) when (IsSettingError(e))
        {
            error.WriteLine($"error: {Describe(e)}");
            return null;
        }
    }

    // A missing or unreadable configuration file, or a value that does not convert or validate.
    private static bool IsSettingError(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InvalidOperationException or OptionsValidationException;

    /// <summary>The message for a start-up failure, without a stack trace; a validation failure gives one <c>error:</c> line per key.</summary>
    public static string Describe(Exception e) => e switch
    {
        OptionsValidationException v => string.Join(Environment.NewLine + "error: ", v.Failures),
        InvalidDataException { InnerException: { } inner } d => $"{d.Message} {inner.Message}",
        _ => e.Message,
    };

    // ORCHESTRATOR_Script__Timeout=00:00:05 → Orchestrator:Script:Timeout, as the configuration binder spells keys.
    internal static IEnumerable<KeyValuePair<string, string?>> EnvironmentOverrides(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
            if (name.StartsWith(HostArguments.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > HostArguments.EnvironmentPrefix.Length)
                yield return new($"{OrchestratorOptions.Section}:{name[HostArguments.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)}", value);
    }

    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

    // Flags are paths typed in a shell: relative to the working directory, not the configuration file. A store URL
    // (postgres://…) is not a path: it goes to validation as written.
    // An empty flag goes to validation as written too ("must name a file"), instead of failing Path.GetFullPath.
    private static IEnumerable<KeyValuePair<string, string?>> FlagOverrides(HostArguments arguments)
    {
        if (arguments.Workflows is { } workflows)
            yield return new($"{OrchestratorOptions.Section}:Workflows", FullPath(workflows));
        if (arguments.State is { } state)
            yield return new($"{OrchestratorOptions.Section}:State", state.Contains("://", StringComparison.Ordinal) ? state : FullPath(state));
        if (arguments.Data is { } data)
            yield return new($"{OrchestratorOptions.Section}:Data", FullPath(data));
    }

    private static string FullPath(string path) => string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal) ? path : Path.GetFullPath(path);
}
