using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Risk;

/// <summary>Thresholds of the at-risk signals (section "Risk", docs/INSIGHTS.md "Risk signals").</summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>Flags kept (the oldest go first).</summary>
    [Range(10, 1_000_000)] public int MaxFlags { get; set; } = 10_000;

    /// <summary>Spam burst: the same text from at least this many accounts ...</summary>
    [Range(2, 10_000)] public int SpamBurstAccounts { get; set; } = 5;

    /// <summary>... within this window, in one room ...</summary>
    public TimeSpan SpamBurstWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>... counting only texts at least this long (after normalising): "lol" and "hi" are not spam.</summary>
    [Range(1, 1000)] public int SpamBurstMinTextLength { get; set; } = 12;

    /// <summary>Fresh-account gifting: an account whose first ledger line is at most this old ...</summary>
    public TimeSpan FreshAccountWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>... that topped up (or was credited) at least this many coins ...</summary>
    [Range(1, long.MaxValue)] public long FreshAccountMinCoins { get; set; } = 1_000;

    /// <summary>... and gave at least this share of them to one creator within that window.</summary>
    [Range(0.01, 1)] public double FreshAccountShare { get; set; } = 0.8;

    /// <summary>Distinct texts a room watches at once (the oldest is forgotten first).</summary>
    [Range(10, 1_000_000)] public int SpamBurstTextsTracked { get; set; } = 2_000;

    /// <summary>Gift ring: at least this many accounts ...</summary>
    [Range(2, 10_000)] public int GiftRingAccounts { get; set; } = 5;

    /// <summary>... each at most this old when it qualified ...</summary>
    public TimeSpan GiftRingMaxAccountAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>... having given at least this many coins, all of them to one room (never to another) ...</summary>
    [Range(1, long.MaxValue)] public long GiftRingMinCoins { get; set; } = 500;

    /// <summary>... qualifying within this window, in that room.</summary>
    public TimeSpan GiftRingWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The request header (on the hub connection and REST calls) that carries a client's device id; empty turns the
    /// device signals (ban evasion, a creator's own accounts gifting their room) off. 1-128 of [A-Za-z0-9._:-].
    /// </summary>
    [RegularExpression("^$|^[A-Za-z0-9-]{1,64}$")] public string DeviceIdHeader { get; set; } = "X-Device-Id";

    /// <summary>Devices a room remembers for its banned users (the oldest is forgotten first).</summary>
    [Range(1, 100_000)] public int MaxBannedDevices { get; set; } = 1_000;

    /// <summary>Users whose device a room remembers while it is active (to know a banned user's device).</summary>
    [Range(10, 1_000_000)] public int DevicesTracked { get; set; } = 10_000;

    /// <summary>A creator's own accounts: coins gifted into the room from a device of its creator before it flags.</summary>
    [Range(1, long.MaxValue)] public long SelfGiftingMinCoins { get; set; } = 1;
}
