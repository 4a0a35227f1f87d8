namespace LiveInteract.Grains.Gifts;

[GenerateSerializer, Alias("li.CreatorState")]
public sealed class CreatorState
{
    [Id(0)] public long Coins { get; set; }
    [Id(1)] public long Gifts { get; set; }
    /// <summary>Sender id -> highest transfer seq applied. Wallets deliver in seq order, so anything at or below is a repeat.</summary>
    [Id(2)] public Dictionary<string, long> AppliedUpTo { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Sender id -> unix ms of their last credit: the least recent are forgotten past <c>Gifts:MaxCreatorSenders</c> (<see cref="SenderMarks"/>).</summary>
    [Id(3)] public Dictionary<string, long> LastCreditAt { get; set; } = new(StringComparer.Ordinal);
}
