using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Hosting;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Relays;

/// <summary>
/// This silo's relays, one per room with local viewers. Holds them strongly (observer references are weak on
/// the room's side), subscribes on first use, and in one background loop sends each room its local viewer
/// count and summed likes, re-subscribes periodically, and retires relays that have had no viewers for a while.
/// </summary>
public sealed class RoomRelayRegistry(
    IGrainFactory grains,
    HubConnections connections,
    LiveMetrics metrics,
    IOptions<RelayOptions> options,
    TimeProvider time,
    ILogger<RoomRelayRegistry> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<RoomRelay>> _relays = [];
    private readonly RelayOptions _options = options.Value;
    private CancellationToken _stopping;

    /// <summary>Identifies this process to the rooms (one relay per room per silo).</summary>
    public string SiloId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The relay of <paramref name="roomId"/>, subscribed; the caller holds a reference until <see cref="Release"/>.</summary>
    public async Task<RoomRelay> Acquire(string roomId)
    {
        while (true)
        {
            Task<RoomRelay>? pending;
            lock (_lock)
            {
                // The reference is taken under the lock, so a relay being retired is never handed out.
                if (_relays.TryGetValue(roomId, out pending) && pending.IsCompletedSuccessfully)
                {
                    pending.Result.References++;
                    return pending.Result;
                }
                if (pending is null)
                {
                    pending = CreateAsync(roomId);
                    _relays[roomId] = pending;
                }
            }
            try { await pending; }
            catch
            {
                lock (_lock) { if (_relays.TryGetValue(roomId, out var t) && t == pending) _relays.Remove(roomId); }
                throw;
            }
        }
    }

    public void Release(RoomRelay relay)
    {
        lock (_lock)
        {
            relay.References--;
            if (relay.References == 0) relay.IdleSince = time.GetUtcNow();
        }
    }

    private async Task<RoomRelay> CreateAsync(string roomId)
    {
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var relay = new RoomRelay(roomId, room, connections, metrics, _options, logger) { IdleSince = time.GetUtcNow() };
        relay.Reference = grains.CreateObjectReference<IRoomFanout>(relay);
        try
        {
            var lastSeq = await room.Subscribe(SiloId, relay.Reference);
            relay.Start(lastSeq, _stopping);
            return relay;
        }
        catch
        {
            grains.DeleteObjectReference<IRoomFanout>(relay.Reference);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var lastResubscribe = time.GetUtcNow();
        using var timer = new PeriodicTimer(_options.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var resubscribe = now - lastResubscribe >= _options.ResubscribeInterval;
                if (resubscribe) lastResubscribe = now;
                await Task.WhenAll(Active().Select(r => Maintain(r, resubscribe)));
                RetireIdle(now);
            }
        }
        catch (OperationCanceledException) { }
        await RetireAll();
    }

    private RoomRelay[] Active()
    {
        lock (_lock) return [.. _relays.Values.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];
    }

    private async Task Maintain(RoomRelay relay, bool resubscribe)
    {
        var room = grains.GetGrain<IRoomGrain>(relay.RoomId);
        var likes = relay.TakeLikes();
        var viewers = relay.Viewers;
        var changed = relay.ReportedViewers != viewers;
        try
        {
            if (likes > 0 || changed || resubscribe)
            {
                await room.ReportSilo(SiloId, viewers, likes);
                relay.ReportedViewers = viewers;
            }
            if (resubscribe && relay.Reference is not null)
                relay.CatchUp(await room.Subscribe(SiloId, relay.Reference));
            ReportPresence(relay, full: resubscribe);
        }
        catch (Exception ex)
        {
            relay.ReturnLikes(likes);
            logger.LogWarning(ex, "Relay for {RoomId} could not report to its room", relay.RoomId);
        }
    }

    /// <summary>Joins and leaves since the last report (a full list every re-subscribe, which heals a lost one-way report).</summary>
    private void ReportPresence(RoomRelay relay, bool full)
    {
        var (joined, left) = relay.Presence.Take(full);
        if (joined.Count == 0 && left.Count == 0 && !full) return;
        _ = grains.GetGrain<IRoomInsightsGrain>(relay.RoomId).ReportPresence(SiloId, joined, left, full);
    }

    private void RetireIdle(DateTimeOffset now)
    {
        List<RoomRelay> retired = [];
        lock (_lock)
        {
            foreach (var relay in Active())
            {
                if (relay.References > 0 || now - relay.IdleSince < _options.IdleLinger) continue;
                _relays.Remove(relay.RoomId);
                retired.Add(relay);
            }
        }
        foreach (var relay in retired) _ = Retire(relay);
    }

    private async Task RetireAll()
    {
        RoomRelay[] all;
        lock (_lock) { all = Active(); _relays.Clear(); }
        await Task.WhenAll(all.Select(Retire));
    }

    private async Task Retire(RoomRelay relay)
    {
        relay.Complete();
        try { await grains.GetGrain<IRoomGrain>(relay.RoomId).Unsubscribe(SiloId); }
        catch (Exception ex) { logger.LogDebug(ex, "Relay for {RoomId} could not unsubscribe", relay.RoomId); }
        if (relay.Reference is not null) grains.DeleteObjectReference<IRoomFanout>(relay.Reference);
    }
}
