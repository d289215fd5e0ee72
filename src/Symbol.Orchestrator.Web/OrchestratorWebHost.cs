using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Symbol.Orchestrator.Hosting;
using Symbol.Orchestrator.Web.Api;
using Symbol.Orchestrator.Web.Dashboard;
using Symbol.Orchestrator.Web.Security;
using Symbol.Orchestrator.Web.Telemetry;

namespace Symbol.Orchestrator.Web;

/// <summary>
/// <c>orchestrator run</c> with its HTTP API and dashboard (docs/api.md): a web application whose configuration,
/// services and logging are the generic host's (<see cref="OrchestratorHost.Configure"/>), listening on <c>Http:Urls</c>.
/// With <c>Http:Enabled false</c> it is the generic host of <see cref="OrchestratorHost.Build"/>, with no port open.
/// </summary>
public static partial class OrchestratorWebHost
{
    /// <summary>Runs the host until Ctrl+C / SIGTERM, as <see cref="OrchestratorHost.RunAsync(HostArguments, TextWriter, CancellationToken)"/> does, and says in one line when its address cannot be listened on.</summary>
    public static async Task<int> RunAsync(HostArguments arguments, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await OrchestratorHost.RunAsync(() => Build(arguments), error, cancellationToken).ConfigureAwait(false);
        }
        // Kestrel's "Failed to bind to address http://127.0.0.1:8686: address already in use."
        catch (IOException e) when (e.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {CannotListen(e)}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// The host, ready to run: a web application when <c>Http:Enabled</c> (the default), else the generic host. Throws
    /// what <see cref="OrchestratorHost.Build"/> throws, and <see cref="OptionsValidationException"/> for an address
    /// other machines can reach without <c>Http:Token</c>.
    /// </summary>
    public static IHost Build(HostArguments arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var source = OrchestratorConfiguration.Locate(arguments);
        if (!HttpEnabled(source, arguments, environment))
            return OrchestratorHost.Build(arguments, environment, generic => OpenTelemetrySetup.Add(generic, environment, prometheus: false));
        var builder = CreateBuilder(source, arguments, environment);
        builder.WebHost.UseKestrelCore();
        var app = builder.Build();
        try
        {
            var settings = app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value;
            if (OrchestratorOptionsValidator.OpenWithoutToken(settings) is { } open)
                throw new OptionsValidationException(Options.DefaultName, typeof(OrchestratorOptions), [open]);
            foreach (var url in HttpListenUrls.Split(settings.Http.Urls))
                app.Urls.Add(url);
            UsePipeline(app);
            return app;
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    /// <summary>The web application's builder with everything but a server: <see cref="Build"/> adds Kestrel, the tests a test server.</summary>
    internal static WebApplicationBuilder CreateBuilder(OrchestratorConfiguration source, HostArguments arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = source.Folder });
        OrchestratorHost.Configure(builder, source, arguments, environment);
        OpenTelemetrySetup.Add(builder, environment, prometheus: true);
        var services = builder.Services;
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowHost>());
        services.AddHostedService<ListeningAnnouncer>();
        services.AddRoutingCore();
        // Anti-forgery tokens need keys; kept in memory, so a restart asks the dashboard for a new token (GET /api/csrf).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = RequestGate.CsrfHeader;
            o.Cookie.Name = "orchestrator_csrf";
        });
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<HostView>();
        // In-memory keys are the intent: the key manager's warning that they are not encrypted at rest would be the host's first line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        return builder;
    }

    /// <summary>Security first, then the API and the Prometheus scrape, then the dashboard's files.</summary>
    internal static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<ApiExceptions>();
        app.UseMiddleware<RequestGate>();
        app.UseRouting();
        app.MapOrchestratorApi();
        app.MapPrometheusScrapingEndpoint(OpenTelemetrySetup.MetricsPath);
        app.MapDashboard();
    }

    private static bool HttpEnabled(OrchestratorConfiguration source, HostArguments arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var configuration = new ConfigurationBuilder();
        source.AddSources(configuration, arguments, environment);
        return configuration.Build().GetValue($"{OrchestratorOptions.Section}:Http:Enabled", true);
    }

    private static string CannotListen(IOException e)
    {
        var url = BindAddress().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : "the address of Orchestrator:Http:Urls";
        var how = $"choose another with Orchestrator:Http:Urls (ORCHESTRATOR_Http__Urls=http://127.0.0.1:0 takes a free port), or turn the API off with Orchestrator:Http:Enabled false";
        return e.InnerException is AddressInUseException
            ? $"{url} is in use by another program; {how}"
            : $"cannot listen on {url}: {e.InnerException?.Message ?? e.Message}; {how}";
    }

    [GeneratedRegex(@"address (\S+): ")]
    private static partial Regex BindAddress();
}
