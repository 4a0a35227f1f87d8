using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Battles;

/// <summary>
/// A timed gift battle between two live rooms. Rooms report their absolute scores one-way (so a room never waits on
/// the battle while the battle calls the room); a grain timer pushes changed scores to both rooms a few times a
/// second and ends the battle on time, pulling the final scores from the rooms. Stored, and resumed on activation.
/// </summary>
public sealed class BattleGrain(
    [PersistentState("battle", StorageNames.Default)] IPersistentState<BattleState> state,
    IOptions<GiftOptions> options,
    TimeProvider time,
    ILogger<BattleGrain> logger) : Grain, IBattleGrain
{
    private readonly GiftOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _scoresChanged;

    private BattleState State => state.State;
    private string BattleId => this.GetPrimaryKeyString();
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && State.Status is BattleStatus.Invited or BattleStatus.Running) StartTimer();
        return Task.CompletedTask;
    }

    public async Task<BattleEvent> Invite(Actor creator, string roomId, string opponentRoomId, int durationSeconds)
    {
        if (state.RecordExists) throw new LiveInteractException(ErrorCodes.Conflict, "battle already exists");
        if (roomId == opponentRoomId) throw new LiveInteractException(ErrorCodes.BadRequest, "a room cannot battle itself");
        var duration = durationSeconds == 0 ? _options.DefaultBattleSeconds : durationSeconds;
        if (duration < _options.MinBattleSeconds || duration > _options.MaxBattleSeconds)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"duration must be between {_options.MinBattleSeconds} and {_options.MaxBattleSeconds} seconds");
        var own = await Room(roomId).GetGiftTarget();
        if (own.CreatorId != creator.UserId) throw new LiveInteractException(ErrorCodes.Forbidden, "only the room's creator can do that");
        var other = await Room(opponentRoomId).GetGiftTarget();
        if (own.Status != RoomStatus.Live || other.Status != RoomStatus.Live)
            throw new LiveInteractException(ErrorCodes.NotLive, "both rooms must be live");

        State.Status = BattleStatus.Invited;
        State.Sides = [new BattleSide(roomId, own.CreatorId, 0), new BattleSide(opponentRoomId, other.CreatorId, 0)];
        State.DurationSeconds = duration;
        State.InvitedAt = Now;
        var invited = View();
        // Each room refuses if it is already in a battle; undo the first if the second refuses.
        await Room(roomId).OnBattle(invited);
        try { await Room(opponentRoomId).OnBattle(invited); }
        catch
        {
            await Room(roomId).OnBattle(invited with { Status = BattleStatus.Declined, EndReason = BattleEndReasons.Busy });
            throw;
        }
        await state.WriteStateAsync();
        StartTimer();
        return invited;
    }

    public async Task<BattleEvent> Accept(Actor creator)
    {
        EnsureExists();
        if (State.Sides[1].CreatorId != creator.UserId) throw new LiveInteractException(ErrorCodes.Forbidden, "only the invited room's creator can accept");
        if (State.Status != BattleStatus.Invited) throw new LiveInteractException(ErrorCodes.Conflict, "battle is not waiting for an answer");
        State.Status = BattleStatus.Running;
        State.EndsAt = Now + State.DurationSeconds * 1000L;
        var running = View();
        // Either room may have started another battle since the invite (invites never make a room busy): then this
        // one cannot start, and both rooms hear it ended as "busy".
        try
        {
            foreach (var side in State.Sides) await Room(side.RoomId).OnBattle(running);
        }
        catch (LiveInteractException)
        {
            State.Status = BattleStatus.Invited;
            State.EndsAt = null;
            await Finish(BattleStatus.Declined, BattleEndReasons.Busy);
            throw;
        }
        await state.WriteStateAsync();
        return running;
    }

    public async Task<BattleEvent> Decline(Actor creator)
    {
        EnsureExists();
        if (State.Sides.All(s => s.CreatorId != creator.UserId)) throw new LiveInteractException(ErrorCodes.Forbidden, "only the two rooms' creators can do that");
        if (State.Status != BattleStatus.Invited) throw new LiveInteractException(ErrorCodes.Conflict, "battle is not waiting for an answer");
        return await Finish(BattleStatus.Declined, BattleEndReasons.Declined);
    }

    public Task<BattleEvent> Get()
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public Task ReportScore(string roomId, long score)
    {
        if (!state.RecordExists || State.Status != BattleStatus.Running) return Task.CompletedTask;
        var i = State.Sides.FindIndex(s => s.RoomId == roomId);
        // Scores only grow; a late or reordered report never lowers one.
        if (i >= 0 && score > State.Sides[i].Score)
        {
            State.Sides[i] = State.Sides[i] with { Score = score };
            _scoresChanged = true;
        }
        return Task.CompletedTask;
    }

    public async Task RoomEnded(string roomId)
    {
        if (!state.RecordExists || State.Status is not (BattleStatus.Invited or BattleStatus.Running)) return;
        if (State.Sides.Any(s => s.RoomId == roomId)) await Finish(BattleStatus.Ended, BattleEndReasons.RoomEnded);
    }

    private async Task Tick()
    {
        switch (State.Status)
        {
            case BattleStatus.Invited when Now - State.InvitedAt >= (long)_options.BattleInviteTimeout.TotalMilliseconds:
                await Finish(BattleStatus.Declined, BattleEndReasons.Expired);
                break;
            case BattleStatus.Running when Now >= State.EndsAt:
                await Finish(BattleStatus.Ended, BattleEndReasons.TimeUp);
                break;
            case BattleStatus.Running when _scoresChanged:
                _scoresChanged = false;
                await Push(View());
                break;
        }
    }

    private async Task<BattleEvent> Finish(BattleStatus status, string reason)
    {
        if (State.Status == BattleStatus.Running)
        {
            // The rooms hold the authoritative scores; a one-way report may still be on its way.
            for (var i = 0; i < State.Sides.Count; i++)
            {
                try
                {
                    var score = await Room(State.Sides[i].RoomId).GetBattleScore(BattleId);
                    if (score > State.Sides[i].Score) State.Sides[i] = State.Sides[i] with { Score = score };
                }
                catch (Exception ex) { logger.LogWarning(ex, "Battle {BattleId} could not read a final score", BattleId); }
            }
            var (a, b) = (State.Sides[0], State.Sides[1]);
            State.WinnerRoomId = a.Score == b.Score ? null : a.Score > b.Score ? a.RoomId : b.RoomId;
        }
        State.Status = status;
        State.EndReason = reason;
        State.EndsAt = Math.Min(State.EndsAt ?? Now, Now);
        await state.WriteStateAsync();
        _timer?.Dispose();
        _timer = null;
        var result = View();
        await Push(result);
        return result;
    }

    private async Task Push(BattleEvent update)
    {
        foreach (var side in State.Sides)
        {
            try { await Room(side.RoomId).OnBattle(update); }
            catch (Exception ex) { logger.LogWarning(ex, "Battle {BattleId} could not update room {RoomId}", BattleId, side.RoomId); }
        }
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(_ => Tick(), new GrainTimerCreationOptions
        {
            DueTime = _options.BattleScoreInterval,
            Period = _options.BattleScoreInterval,
            Interleave = false,
            KeepAlive = true,
        });

    private BattleEvent View() => new(BattleId, State.Status, [.. State.Sides], State.EndsAt, State.WinnerRoomId, State.EndReason);

    private void EnsureExists()
    {
        if (!state.RecordExists) throw new LiveInteractException(ErrorCodes.NotFound, "battle not found");
    }

    private IRoomGrain Room(string roomId) => GrainFactory.GetGrain<IRoomGrain>(roomId);
}
