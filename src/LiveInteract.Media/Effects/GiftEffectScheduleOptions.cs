namespace LiveInteract.Media.Effects;

/// <summary>Bounds of a room's <see cref="GiftEffectSchedule"/>.</summary>
/// <param name="MaxWaiting">Effects waiting behind the one on screen; more are dropped (a gift storm costs no memory).</param>
/// <param name="MaxMergedSeconds">Longest one merged combo stays on screen, however long the combo runs.</param>
/// <param name="MaxWait">An effect that waited longer than this is skipped when its turn comes (it would no longer say
/// anything about the gift that triggered it).</param>
public sealed record GiftEffectScheduleOptions(int MaxWaiting = 16, int MaxMergedSeconds = 60, TimeSpan? MaxWait = null)
{
    public static GiftEffectScheduleOptions Default { get; } = new();

    public TimeSpan WaitLimit => MaxWait ?? TimeSpan.FromSeconds(90);

    public void Validate()
    {
        if (MaxWaiting is < 0 or > 1000) throw new ArgumentOutOfRangeException(nameof(MaxWaiting), MaxWaiting, "0-1000");
        if (MaxMergedSeconds is < 1 or > 3600) throw new ArgumentOutOfRangeException(nameof(MaxMergedSeconds), MaxMergedSeconds, "1-3600");
        if (WaitLimit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, "must be positive");
    }
}
