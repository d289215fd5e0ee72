using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Scripting;
using Symbol.Orchestrator.State;

namespace Symbol.Orchestrator.Hosting;

/// <summary>
/// Builds and runs the orchestrator host: configuration from <c>orchestrator.json</c>, then <c>ORCHESTRATOR_*</c>
/// environment variables, then flags; options validated at start-up; single-line console logs.
/// </summary>
public static class OrchestratorHost
{
    /// <summary>The host, ready to run; throws <see cref="FileNotFoundException"/> for a missing <c>--config</c> file.</summary>
    public static IHost Build(HostArguments arguments, TimeProvider? time = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var file = arguments.ConfigFile ?? (File.Exists(HostArguments.DefaultConfigFile) ? HostArguments.DefaultConfigFile : null);
        if (file is not null && !File.Exists(file))
            throw new FileNotFoundException($"the configuration file {file} does not exist", file);
        var folder = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        if (file is not null)
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(EnvironmentOverrides(environment ?? ProcessEnvironment()));
        builder.Configuration.AddInMemoryCollection(FlagOverrides(arguments));

        var services = builder.Services;
        services.AddOptions<OrchestratorOptions>()
            .Bind(builder.Configuration.GetSection(OrchestratorOptions.Section))
            .PostConfigure(o => o.ConfigFolder = folder)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrchestratorOptions>, OrchestratorOptionsValidator>();
        // The host waits for runs for ShutdownGrace; its own shutdown bound must not cut that short.
        services.AddOptions<HostOptions>().Configure<IOptions<OrchestratorOptions>>((host, o) => host.ShutdownTimeout = o.Value.ShutdownGrace + TimeSpan.FromSeconds(30));
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<IJobRunner>(sp => new ScriptJobRunner(sp.GetRequiredService<IOptions<OrchestratorOptions>>().Value.Sandbox()));
        services.AddSingleton<WorkflowHost>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowHost>());

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        return builder.Build();
    }

    /// <summary>Runs the host until Ctrl+C / SIGTERM; 0 after a graceful stop, 1 if it could not start or failed (the reason on <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(HostArguments arguments, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            using var host = Build(arguments);
            // Resolved before running: RunAsync disposes the service provider on its way out.
            var workflowHost = host.Services.GetRequiredService<WorkflowHost>();
            await host.RunAsync(cancellationToken);
            return workflowHost.Failed ? 1 : 0;
        }
        // A bad setting, an unreadable configuration or a corrupt store: one line naming it, no stack trace.
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException
                                      or OptionsValidationException or InvalidOperationException or StateStoreException)
        {
            await error.WriteLineAsync($"error: {Message(e)}");
            return 1;
        }
    }

    private static string Message(Exception e) => e switch
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

    // Flags are paths typed in a shell: relative to the working directory, not the configuration file.
    private static IEnumerable<KeyValuePair<string, string?>> FlagOverrides(HostArguments arguments)
    {
        if (arguments.Workflows is { } workflows)
            yield return new($"{OrchestratorOptions.Section}:Workflows", Path.GetFullPath(workflows));
        if (arguments.State is { } state)
            yield return new($"{OrchestratorOptions.Section}:State", Path.GetFullPath(state));
        if (arguments.Data is { } data)
            yield return new($"{OrchestratorOptions.Section}:Data", Path.GetFullPath(data));
    }
}
