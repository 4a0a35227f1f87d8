using LiveInteract.Server.Hosting;
using LiveInteract.Server.Relays;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Testing;

/// <summary>
/// A room's relay on a <see cref="LiveServer"/> held still: the batches the room publishes meanwhile queue behind the
/// hold, as behind a relay busy with a big room, and go out when it is disposed. For tests of what a relay that fell
/// behind sends (coalesced batches).
/// </summary>
public sealed class HeldRelay : IAsyncDisposable
{
    private readonly RoomRelayRegistry _registry;
    private readonly RoomRelay _relay;
    private readonly TaskCompletionSource _release = new();

    private HeldRelay(RoomRelayRegistry registry, RoomRelay relay) => (_registry, _relay) = (registry, relay);

    /// <summary>Holds <paramref name="roomId"/>'s relay on <paramref name="server"/>; returns once its loop is held.</summary>
    public static async Task<HeldRelay> Hold(LiveServer server, string roomId)
    {
        var registry = server.Services.GetRequiredService<RoomRelayRegistry>();
        var held = new HeldRelay(registry, await registry.Acquire(roomId));
        try
        {
            await held._relay.HoldAsync(held._release.Task);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }

        return held;
    }

    /// <summary>Waits until the room's batches up to <paramref name="seq"/> are queued at the held relay.</summary>
    public Task UntilQueued(long seq) =>
        Eventually.Until(() => _relay.ReceivedThroughSeq >= seq, $"the batches up to seq {seq} queued at the held relay");

    /// <summary>Lets the relay go on: what queued goes out.</summary>
    public ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        _registry.Release(_relay);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <paramref name="server"/>'s count of coalesced batches (<c>liveinteract_relay_batches_coalesced_total</c>), read
    /// from the server itself: in-process servers of one test run share instrument names, so its <c>/metrics</c> is not its own alone.
    /// </summary>
    public static long CoalescedBatches(LiveServer server) => server.Services.GetRequiredService<LiveMetrics>().BatchesCoalescedTotal;
}
