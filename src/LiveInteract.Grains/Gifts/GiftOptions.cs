using System.ComponentModel.DataAnnotations;
using LiveInteract.Contracts.Gifts;

namespace LiveInteract.Grains.Gifts;

/// <summary>Gifts, wallets and battles, bound from the "Gifts" configuration section and validated at start-up.</summary>
public sealed class GiftOptions
{
    public const string Section = "Gifts";

    /// <summary>The catalog. Empty in configuration means <see cref="DefaultCatalog"/> (set in post-configuration,
    /// because binding a list onto a non-empty default would merge the two by index).</summary>
    public List<Gift> Catalog { get; set; } = [];

    /// <summary>Most of one gift in one send.</summary>
    [Range(1, 10_000)]
    public int MaxCountPerSend { get; set; } = 99;

    /// <summary>
    /// <c>POST /api/wallet/topup</c> (free coins for demos). Unset: on in Local, off in Cluster, where coins come from
    /// purchases the operator's backend credits (<c>POST /api/service/wallets/{userId}/credits</c>).
    /// </summary>
    public bool? DemoTopUps { get; set; }

    /// <summary>Largest single demo top-up.</summary>
    [Range(1, 1_000_000_000)]
    public long MaxTopUp { get; set; } = 1_000_000;

    /// <summary>The same user repeating the same gift within this window continues one combo streak.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ComboWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>While a wallet's outbox is not empty, an active wallet retries delivery this often (a grain timer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan DeliveryRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The reminder that wakes a wallet with a pending outbox after a crash (Orleans minimum: 1 minute unless lowered).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one delivery call may take before it counts as failed (and stays in the outbox).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True in production: after the debit is stored the wallet delivers at once, before it answers. False is a
    /// test hook that leaves the outbox for the timer and the reminder, i.e. it simulates a crash right after the
    /// debit write; nothing else changes (the outbox entry is written exactly as in production).
    /// </summary>
    public bool DeliverImmediately { get; set; } = true;

    /// <summary>Idempotency keys a wallet remembers (newest kept); a retry older than this many gifts is refused as unknown.</summary>
    [Range(100, 1_000_000)]
    public int RememberedKeys { get; set; } = 10_000;

    [Range(1, 200)]
    public int MaxIdempotencyKeyLength { get; set; } = 100;

    /// <summary>Ledger lines a wallet keeps (newest); older lines are dropped, the balance and totals stay exact.</summary>
    [Range(100, 1_000_000)]
    public int MaxLedgerEntries { get; set; } = 10_000;

    /// <summary>Largest single purchase credit (service API).</summary>
    [Range(1, 1_000_000_000_000)]
    public long MaxPurchaseCoins { get; set; } = 100_000_000;

    /// <summary>
    /// Purchase ids a wallet remembers (newest kept). A purchase id older than this many purchases of the same user
    /// is no longer recognised as a repeat, so the operator's backend must not retry a purchase that old.
    /// </summary>
    [Range(100, 1_000_000)]
    public int RememberedPurchases { get; set; } = 10_000;

    /// <summary>
    /// Senders a room's gift board remembers (their sum and dedupe mark); past it the least recently gifting are
    /// forgotten, never one in the top 10 (see SenderMarks).
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxBoardSenders { get; set; } = 10_000;

    /// <summary>Senders whose dedupe mark a creator keeps; past it the least recently seen are forgotten (see SenderMarks).</summary>
    [Range(100, 10_000_000)]
    public int MaxCreatorSenders { get; set; } = 100_000;

    /// <summary>Debited gifts a wallet holds for delivery at most; a new gift is refused (unavailable, nothing debited) until they drain.</summary>
    [Range(10, 100_000)]
    public int MaxUndeliveredGifts { get; set; } = 1_000;

    /// <summary>Battle length bounds (seconds) and the default.</summary>
    [Range(1, 3600)] public int MinBattleSeconds { get; set; } = 10;
    [Range(10, 3600)] public int MaxBattleSeconds { get; set; } = 600;
    [Range(10, 3600)] public int DefaultBattleSeconds { get; set; } = 180;

    /// <summary>An invitation not accepted within this time expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BattleInviteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After an invitation between two rooms is declined or expires, neither can invite the other for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BattleCooldown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running battle pushes changed scores to both rooms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan BattleScoreInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyList<Gift> DefaultCatalog { get; } =
    [
        new("rose", "Rose", 1, GiftTier.Small),
        new("heart", "Heart Me", 5, GiftTier.Small),
        new("donut", "Donut", 30, GiftTier.Small),
        new("cap", "Cap", 99, GiftTier.Medium),
        new("corgi", "Corgi", 299, GiftTier.Medium),
        new("galaxy", "Galaxy", 1_000, GiftTier.Large),
        new("yacht", "Yacht", 7_000, GiftTier.Large),
        new("universe", "Universe", 30_000, GiftTier.Epic),
    ];
}
