namespace LiveInteract.Media.Effects;

/// <summary>What <see cref="GiftEffectSchedule.Offer"/> did with a trigger.</summary>
public enum EffectOffer
{
    /// <summary>Nothing was on screen: it plays now.</summary>
    Started,

    /// <summary>It waits behind the effect on screen (arrival order).</summary>
    Queued,

    /// <summary>Its combo is already on screen or waiting: merged into that one.</summary>
    Merged,

    /// <summary>The waiting line is full: dropped.</summary>
    Dropped,
}
