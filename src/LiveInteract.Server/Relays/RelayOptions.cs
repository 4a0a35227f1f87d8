using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Relays;

/// <summary>Per-silo room relays ("Relays" section).</summary>
public sealed class RelayOptions
{
    public const string Section = "Relays";

    /// <summary>How often each relay sends the room its local viewer count and summed likes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often relays re-subscribe (covers a room that deactivated, crashed or moved). Keep under a third of Rooms:SubscriptionExpiry.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A relay with no local viewers for this long unsubscribes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IdleLinger { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Batches a relay may hold before dropping (and later refetching by seq) rather than growing memory.</summary>
    [Range(8, 100_000)]
    public int QueueCapacity { get; set; } = 1024;
}
