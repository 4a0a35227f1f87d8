using LiveInteract.Contracts.Errors;
using Orleans.Runtime;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Gifts;

/// <summary>
/// A user's wallet. A gift is validated, then the debit, the ledger line, the idempotency key with its receipt and
/// an outbox entry are stored in ONE state write before the wallet answers. The outbox is then delivered in order
/// (creator credit, then room display), each receiver deduplicating by (sender, transfer seq); it is retried on
/// every touch, on a grain timer while the wallet is active and on a reminder that wakes the wallet after a crash.
/// </summary>
public sealed partial class WalletGrain(
    [PersistentState("wallet", StorageNames.Default)] IPersistentState<WalletState> state,
    GiftCatalog catalog,
    IOptions<GiftOptions> options,
    IOptions<Risk.RiskOptions> riskOptions,
    TimeProvider time,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain, IRemindable
{
    public const string DeliveryReminder = "deliver-outbox";

    private readonly GiftOptions _options = options.Value;
    private IGrainTimer? _retryTimer;
    private bool _reminderActive;

    private WalletState State => state.State;
    private string UserId => this.GetPrimaryKeyString();
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A wallet that crashed (or was moved) with gifts in its outbox delivers them as soon as it is back.
        if (State.Outbox.Count > 0)
        {
            _reminderActive = true; // it was registered before the debit that filled the outbox
            StartRetryTimer(TimeSpan.Zero);
        }
        return Task.CompletedTask;
    }

    public async Task<WalletView> Get()
    {
        if (State.Outbox.Count > 0) await Deliver();
        return View();
    }

    public async Task<WalletView> TopUp(long coins)
    {
        if (coins < 1 || coins > _options.MaxTopUp)
            throw new LiveInteractException(GiftErrorCodes.InvalidAmount, $"top-up must be between 1 and {_options.MaxTopUp} coins");
        State.Balance += coins;
        State.ToppedUp += coins;
        AddToLedger(new LedgerEntry(++State.LastLedgerSeq, LedgerKind.TopUp, coins, State.Balance, Now));
        await Commit();
        if (State.Outbox.Count > 0) await Deliver();
        return View();
    }

    public async Task<PurchaseCredit> CreditPurchase(string purchaseId, long coins)
    {
        var id = purchaseId?.Trim();
        if (string.IsNullOrEmpty(id))
            throw new LiveInteractException(ErrorCodes.BadRequest, "purchaseId is required");
        if (id.Length > _options.MaxIdempotencyKeyLength)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"purchaseId is longer than {_options.MaxIdempotencyKeyLength} characters");
        if (coins < 1 || coins > _options.MaxPurchaseCoins)
            throw new LiveInteractException(GiftErrorCodes.InvalidAmount, $"coins must be between 1 and {_options.MaxPurchaseCoins}");
        if (State.Purchases.TryGetValue(id, out var first))
        {
            if (first.Coins != coins)
                throw new LiveInteractException(GiftErrorCodes.IdempotencyConflict, "purchaseId was already credited with a different amount");
            return first with { Repeated = true };
        }
        State.Balance += coins;
        State.Credited += coins;
        var seq = ++State.LastLedgerSeq;
        var now = Now;
        AddToLedger(new LedgerEntry(seq, LedgerKind.Credit, coins, State.Balance, now, id));
        var credit = new PurchaseCredit(UserId, id, coins, State.Balance, seq, now);
        State.Purchases[id] = credit;
        ForgetOldestPurchases();
        await Commit();
        return credit;
    }

    public async Task<GiftReceipt> SendGift(Actor sender, string roomId, string giftId, int count, string idempotencyKey)
    {
        var key = idempotencyKey?.Trim();
        if (string.IsNullOrEmpty(key))
            throw new LiveInteractException(GiftErrorCodes.MissingIdempotencyKey, "an idempotency key is required");
        if (key.Length > _options.MaxIdempotencyKeyLength)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"idempotency key is longer than {_options.MaxIdempotencyKeyLength} characters");
        if (sender.UserId != UserId)
            throw new LiveInteractException(ErrorCodes.Forbidden, "you can only spend from your own wallet");

        // A retry (lost reply, reconnect, restarted silo) gets the first answer and moves nothing.
        if (State.Receipts.TryGetValue(key, out var first))
        {
            if (first.RoomId != roomId || first.GiftId != giftId || first.Count != count)
                throw new LiveInteractException(GiftErrorCodes.IdempotencyConflict, "idempotency key was already used for a different gift");
            if (State.Outbox.Count > 0) await Deliver();
            return first;
        }

        var gift = catalog.Require(giftId);
        if (count < 1 || count > _options.MaxCountPerSend)
            throw new LiveInteractException(GiftErrorCodes.InvalidCount, $"count must be between 1 and {_options.MaxCountPerSend}");
        var target = await GrainFactory.GetGrain<IRoomGrain>(roomId).GetGiftTarget();
        if (target.Status == RoomStatus.Ended) throw new LiveInteractException(ErrorCodes.RoomEnded, "room has ended");
        if (target.Status != RoomStatus.Live) throw new LiveInteractException(ErrorCodes.NotLive, "room is not live yet");
        if (target.CreatorId == sender.UserId)
            throw new LiveInteractException(GiftErrorCodes.SelfGift, "you cannot send gifts to yourself");
        var cost = gift.Coins * count; // both bounded by options validation: no overflow
        if (cost > State.Balance)
            throw new LiveInteractException(GiftErrorCodes.InsufficientBalance, "not enough coins");

        // The reminder exists before the debit does, so a crash right after the write still heals by itself.
        await EnsureReminder();

        var now = Now;
        var seq = ++State.LastTransferSeq;
        State.Balance -= cost;
        State.Spent += cost;
        AddToLedger(new LedgerEntry(++State.LastLedgerSeq, LedgerKind.Gift, -cost, State.Balance, now, key, roomId, gift.Id, count, target.CreatorId));
        var receipt = new GiftReceipt(key, roomId, gift.Id, count, cost, State.Balance, now, seq);
        State.Receipts[key] = receipt;
        ForgetOldestKeys();
        State.Outbox.Add(new OutboxEntry
        {
            Delivery = new GiftDelivery(UserId, sender.DisplayName, seq, key, roomId, target.CreatorId, gift, count, cost, now) { SenderDevice = sender.DeviceId },
        });
        await Commit();
        await ReportRisk(now);

        if (_options.DeliverImmediately) await Deliver();
        if (State.Outbox.Count > 0) StartRetryTimer(_options.DeliveryRetryInterval);
        return receipt;
    }

    public Task<LedgerPage> GetLedger(int offset, int limit)
    {
        offset = Math.Max(offset, 0);
        limit = Math.Clamp(limit, 1, 200);
        var ledger = State.Ledger;
        IReadOnlyList<LedgerEntry> page = [.. Enumerable.Range(0, ledger.Count).Reverse().Skip(offset).Take(limit).Select(i => ledger[i])];
        return Task.FromResult(new LedgerPage(page, ledger.Count, offset, limit));
    }

    public Task<int> DeliverPending() => Deliver();

    public async Task Anonymise()
    {
        if (State.Outbox.Count > 0 && await Deliver() > 0)
            throw new LiveInteractException(ErrorCodes.Conflict, "gifts are still being delivered; try again shortly");
        // Amounts, balances, times, rooms and creators stay (audits and the conservation of coins need them), and so
        // do the operator's purchase ids (a retried purchase must not be credited twice); the client's keys go.
        State.Ledger = [.. State.Ledger.Select(e => e.Kind == LedgerKind.Gift ? e with { IdempotencyKey = "erased" } : e)];
        State.Receipts.Clear();
        await Commit();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder) return;
        var pending = await Deliver();
        // Not only when this activation registered it: a reminder from an earlier activation must stop too.
        if (pending == 0)
        {
            var reminder = await this.GetReminder(DeliveryReminder);
            if (reminder is not null) await this.UnregisterReminder(reminder);
            _reminderActive = false;
        }
    }

    /// <summary>
    /// Delivers the outbox oldest first and stops at the first failure, so each receiver sees a sender's transfers
    /// in seq order (what makes its high-water mark a correct dedupe). Returns the number still pending.
    /// </summary>
    private async Task<int> Deliver()
    {
        var acknowledged = 0;
        foreach (var entry in State.Outbox)
        {
            var gift = entry.Delivery;
            try
            {
                if (!entry.Credited)
                {
                    await GrainFactory.GetGrain<ICreatorGrain>(gift.CreatorId).Credit(gift).WaitAsync(_options.DeliveryTimeout);
                    entry.Credited = true;
                    acknowledged++;
                }
                if (!entry.Shown)
                {
                    await GrainFactory.GetGrain<IRoomGrain>(gift.RoomId).ApplyGift(gift).WaitAsync(_options.DeliveryTimeout);
                    entry.Shown = true;
                    acknowledged++;
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Wallet {UserId} could not deliver transfer {Seq}; it stays in the outbox", UserId, gift.TransferSeq);
                break;
            }
        }
        if (acknowledged > 0)
        {
            State.Outbox.RemoveAll(e => e.Done);
            try { await state.WriteStateAsync(); }
            catch (Exception ex)
            {
                // Receivers deduplicate, so redelivering after a lost write is harmless.
                logger.LogWarning(ex, "Wallet {UserId} could not record deliveries", UserId);
            }
        }
        if (State.Outbox.Count == 0)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
        }
        return State.Outbox.Count;
    }

    /// <summary>Writes the state; on failure reloads what is stored so memory never holds an uncommitted movement.</summary>
    private async Task Commit()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            ForgetRisk();
            await state.ReadStateAsync();
            throw;
        }
    }

    private async Task EnsureReminder()
    {
        if (_reminderActive) return;
        await this.RegisterOrUpdateReminder(DeliveryReminder, _options.ReminderPeriod, _options.ReminderPeriod);
        _reminderActive = true;
    }

    private void StartRetryTimer(TimeSpan dueTime)
    {
        if (_retryTimer is not null) return;
        _retryTimer = this.RegisterGrainTimer(_ => Deliver(), new GrainTimerCreationOptions
        {
            DueTime = dueTime,
            Period = _options.DeliveryRetryInterval,
            Interleave = false,
            KeepAlive = true,
        });
    }

    private void ForgetOldestKeys()
    {
        var receipts = State.Receipts;
        if (receipts.Count <= _options.RememberedKeys) return;
        foreach (var old in receipts.Values.OrderBy(r => r.TransferSeq).Take(receipts.Count - _options.RememberedKeys).ToList())
            receipts.Remove(old.IdempotencyKey);
    }

    /// <summary>
    /// Appends a ledger line; past <c>Gifts:MaxLedgerEntries</c> the oldest lines are dropped (balance, totals and seq
    /// numbers are kept). The at-risk tallies see it too (their findings are reported once it is stored).
    /// </summary>
    private void AddToLedger(LedgerEntry entry)
    {
        var ledger = State.Ledger;
        ledger.Add(entry);
        // Trimmed in steps of an eighth so a full ledger does not shift the list on every movement.
        if (ledger.Count > _options.MaxLedgerEntries + _options.MaxLedgerEntries / 8)
            ledger.RemoveRange(0, ledger.Count - _options.MaxLedgerEntries);
        ObserveRisk(entry);
    }

    private void ForgetOldestPurchases()
    {
        var purchases = State.Purchases;
        if (purchases.Count <= _options.RememberedPurchases) return;
        foreach (var old in purchases.Values.OrderBy(p => p.LedgerSeq).Take(purchases.Count - _options.RememberedPurchases).ToList())
            purchases.Remove(old.PurchaseId);
    }

    private WalletView View() => new(UserId, State.Balance, State.ToppedUp, State.Spent, State.Outbox.Count, State.Credited);
}
