using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Gifts;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// The gift and battle side of a room. Gifts arrive from wallet outboxes, already paid for; the room shows each one
/// once (dedupe by sender and transfer seq), stores it before acknowledging (group-committed with the other gifts of its tick), and keeps the board and combos in
/// <see cref="GiftBoard"/>. During a battle it adds gift coins to its battle score and reports it (one-way).
/// </summary>
public sealed partial class RoomGrain
{
    private GiftOptions GiftOptions => giftOptions.Value;

    public Task<GiftTarget> GetGiftTarget()
    {
        EnsureExists();
        return Task.FromResult(new GiftTarget(State.CreatorId, State.Status));
    }

    public async Task ApplyGift(GiftDelivery gift)
    {
        EnsureExists();
        // Applied in memory already (a redelivery while its write runs): acknowledge once that write is done.
        if (GiftState.Board.IsApplied(gift))
        {
            await GiftAcknowledged(Commit.Durable());
            return;
        }
        var board = GiftState.Board;
        var applied = board.Apply(gift, Now.ToUnixTimeMilliseconds(), GiftOptions.ComboWindow, GiftOptions.MaxBoardSenders);
        ObserveGiftDevice(gift);
        _gifts.MarkChanged();
        // A gift paid while the room was live but delivered after it ended still counts; it is just not shown.
        if (State.Status != RoomStatus.Ended)
        {
            var sender = new Actor(gift.SenderId, gift.SenderName);
            Append(new GiftEvent(gift.Gift.Id, gift.Gift.Name, gift.Coins, gift.Count, gift.Gift.Tier,
                applied.ComboId, applied.ComboCount, board.TotalCoins), sender);
            TriggerEffect(gift, applied.ComboId, applied.ComboCount, sender);
            if (applied.BoardChanged) Append(new GiftBoardEvent([.. board.Top], board.TotalCoins), null);
            ObserveGoal();
        }
        var battleReport = Task.CompletedTask;
        if (GiftState.Battle is { Status: BattleStatus.Running } battle)
        {
            battle.Score += gift.Coins;
            battleReport = GrainFactory.GetGrain<IBattleGrain>(battle.BattleId).ReportScore(RoomId, battle.Score);
        }
        EnsureTimer();
        // Group commit: acknowledge only what is stored, together with every gift that shares the write. An
        // unacknowledged gift stays in the sender's outbox and comes again.
        await GiftAcknowledged(Commit.Join());
        await battleReport;
        await GiftWebhook(gift);
    }

    private async Task GiftAcknowledged(Task write)
    {
        try
        {
            await write.WaitAsync(_options.AckTimeout);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException("room could not store the gift; it will be redelivered", ex);
        }
    }

    public Task OnBattle(BattleEvent update)
    {
        EnsureExists();
        var now = Now.ToUnixTimeMilliseconds();
        var current = GiftState.Battle;
        var invites = GiftState.Invites;
        switch (update.Status)
        {
            case BattleStatus.Invited:
                if (State.Status != RoomStatus.Live) throw new LiveInteractException(ErrorCodes.NotLive, "both rooms must be live");
                if (current is not null) throw new LiveInteractException(ErrorCodes.Conflict, "room is already in a battle");
                invites.Offer(update.BattleId, OtherSide(update), outgoing: update.Sides[0].RoomId == RoomId, now,
                    now + (long)GiftOptions.BattleInviteTimeout.TotalMilliseconds);
                break;
            case BattleStatus.Running when current is null:
                invites.Close(update.BattleId, OtherSide(update), now, cooldownUntilMs: null);
                GiftState.Battle = new RoomBattle { BattleId = update.BattleId, Status = BattleStatus.Running };
                break;
            case BattleStatus.Running when current.BattleId != update.BattleId:
                throw new LiveInteractException(ErrorCodes.Conflict, "room is already in a battle");
            case BattleStatus.Running:
                Append(update, null); // the running scores, pushed a few times a second: shown, nothing to store
                return Task.CompletedTask;
            case BattleStatus.Ended or BattleStatus.Declined:
                var coolsDown = update.EndReason is BattleEndReasons.Declined or BattleEndReasons.Expired;
                if (current?.BattleId == update.BattleId) GiftState.Battle = null;
                else if (!invites.IsPending(update.BattleId) && !coolsDown) return Task.CompletedTask; // a stale update of a battle this room left
                invites.Close(update.BattleId, OtherSide(update), now, coolsDown ? now + (long)GiftOptions.BattleCooldown.TotalMilliseconds : null);
                break;
        }
        _gifts.MarkChanged();
        Append(update, null);
        return Task.CompletedTask;
    }

    private string OtherSide(BattleEvent battle) => battle.Sides[0].RoomId == RoomId ? battle.Sides[1].RoomId : battle.Sides[0].RoomId;

    public Task<long> GetBattleScore(string battleId) =>
        Task.FromResult(GiftState.Battle is { } battle && battle.BattleId == battleId ? battle.Score : 0);

    /// <summary>Called when the room ends: a battle it is in ends now too.</summary>
    private async Task EndBattle()
    {
        if (GiftState.Battle is { } battle) await GrainFactory.GetGrain<IBattleGrain>(battle.BattleId).RoomEnded(RoomId);
    }

    private GiftBoardView GiftsView() =>
        GiftState.Board.View(GiftState.Battle?.BattleId ?? GiftState.Invites.Newest(Now.ToUnixTimeMilliseconds())?.BattleId);
}
