using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Relays;

/// <summary>
/// This silo's open hub connections by id. Relays write to a viewer's <see cref="HubConnectionContext"/> themselves
/// (through a <see cref="ViewerOutbox"/>) instead of through a SignalR group, whose send awaits every connection's
/// flush; <see cref="TrackingHubLifetimeManager"/> keeps this list.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public HubConnectionContext? Find(string connectionId) => _byId.GetValueOrDefault(connectionId);

    internal void Add(HubConnectionContext connection) => _byId[connection.ConnectionId] = connection;

    internal void Remove(HubConnectionContext connection) => _byId.TryRemove(connection.ConnectionId, out _);
}
