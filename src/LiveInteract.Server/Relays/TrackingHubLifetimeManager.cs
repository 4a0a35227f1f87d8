using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Relays;

/// <summary>
/// SignalR's in-memory lifetime manager for <see cref="LiveHub"/> that also records each connection in
/// <see cref="HubConnections"/> for the relays. Everything else (groups, users, sends) is the default behaviour.
/// </summary>
public sealed class TrackingHubLifetimeManager(HubConnections connections, ILogger<DefaultHubLifetimeManager<LiveHub>> logger)
    : DefaultHubLifetimeManager<LiveHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Add(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Remove(connection);
        return base.OnDisconnectedAsync(connection);
    }
}
