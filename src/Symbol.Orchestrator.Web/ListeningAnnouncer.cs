using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Symbol.Orchestrator.Hosting;

namespace Symbol.Orchestrator.Web;

/// <summary>
/// Says where the API listens once the server has bound its addresses (a port 0 resolved to the one it took): the
/// host's first line, since <see cref="WorkflowHost"/>'s start-up waits for every service to have started.
/// </summary>
internal sealed class ListeningAnnouncer(IServer server, ILoggerFactory loggers) : IHostedLifecycleService
{
    private readonly ILogger _log = loggers.CreateLogger(WorkflowHost.LogCategory);

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Count > 0)
            _log.Listening(string.Join(", ", addresses));
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
