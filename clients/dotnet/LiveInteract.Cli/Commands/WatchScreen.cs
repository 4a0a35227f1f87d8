using LiveInteract.Client.Connection;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiveInteract.Cli.Commands;

/// <summary>What <c>watch</c> shows: a header with the live figures and the latest lines of the feed.</summary>
internal sealed class WatchScreen(RoomSnapshot room, int feedLines = 20)
{
    private readonly Queue<string> _feed = new();
    private RoomCounters _counters = room.Counters;
    private RoomStatus _status = room.Status;
    private string _connection = "connected";

    public bool Ended => _status == RoomStatus.Ended;

    /// <summary>The server removed this viewer from the room (banned): nothing more will come.</summary>
    public bool Kicked { get; private set; }

    public void Apply(LiveUpdate update)
    {
        switch (update)
        {
            case RoomEventUpdate { Event: var e }:
                Add(Line(e));
                if (e is RoomStatusEvent s) _status = s.Status;
                break;
            case CountersUpdate c:
                _counters = c.Counters;
                break;
            case ViewerCountUpdate v:
                _counters = _counters with { Viewers = v.Viewers };
                break;
            case RoomEndedUpdate:
                _status = RoomStatus.Ended;
                break;
            case KickedUpdate k:
                Add($"[red]removed from the room ({Markup.Escape(k.Reason)})[/]");
                Kicked = true;
                break;
            case EventsMissedUpdate m:
                Add($"[yellow]… {m.ToSeq - m.FromSeq + 1} events skipped while away[/]");
                break;
            case RejoinFailedUpdate f:
                Add($"[red]could not rejoin: {Markup.Escape(f.Message)}[/]");
                break;
            case ConnectionUpdate c:
                _connection = c.State switch
                {
                    LiveConnectionState.Connected => "connected",
                    LiveConnectionState.Reconnecting => c.Attempt > 0 ? $"reconnecting (attempt {c.Attempt})" : "reconnecting",
                    _ => "disconnected",
                };
                break;
        }
    }

    public IRenderable Render()
    {
        var status = _status switch
        {
            RoomStatus.Live => "[red bold]● LIVE[/]",
            RoomStatus.Ended => "[grey]ended[/]",
            _ => "[yellow]not live yet[/]",
        };
        var header = new Markup(
            $"{status}  [bold]{Markup.Escape(room.Title)}[/] by {Markup.Escape(room.CreatorName)}\n" +
            $"viewers [bold]{_counters.Viewers}[/]   likes [bold]{_counters.Likes}[/]   comments [bold]{_counters.Comments}[/]   [grey]{_connection}[/]");
        var feed = _feed.Count == 0 ? new Markup("[grey]waiting for comments…[/]") : new Markup(string.Join('\n', _feed));
        return new Rows(new Panel(header).Header(Markup.Escape(room.RoomId)).Expand(), feed);
    }

    private void Add(string line)
    {
        _feed.Enqueue(line);
        while (_feed.Count > feedLines) _feed.Dequeue();
    }

    // User text is escaped: a comment like "[red]" is shown as typed, never interpreted.
    private static string Line(RoomEvent e)
    {
        var who = Markup.Escape(e.DisplayName ?? e.UserId ?? "room");
        return e switch
        {
            CommentEvent c => $"[grey]#{c.Seq}[/] [bold]{who}[/]: {Markup.Escape(c.Text)}",
            RoomStatusEvent s => $"[grey]#{s.Seq}[/] [italic]room is {s.Status.ToString().ToLowerInvariant()}[/]",
            FiltersChangedEvent f => $"[grey]#{f.Seq}[/] [italic]{who} set filters: {Markup.Escape(string.Join(", ", f.Filters.Select(x => x.Kind)))}[/]",
            GiftEvent g => $"[grey]#{g.Seq}[/] [magenta bold]{who} sent {g.Count} x {Markup.Escape(g.Name)}[/] ({g.Coins} coins, combo x{g.ComboCount}, room total {g.RoomTotal})",
            GiftBoardEvent b => $"[grey]#{b.Seq}[/] [magenta]top gifters: {Markup.Escape(string.Join(", ", b.Top.Take(3).Select(t => $"{t.DisplayName} {t.Coins}")))}[/]",
            BattleEvent b => $"[grey]#{b.Seq}[/] [yellow]battle {Markup.Escape(b.BattleId)} {b.Status.ToString().ToLowerInvariant()}: {Markup.Escape(string.Join(" vs ", b.Sides.Select(s => $"{s.RoomId} {s.Score}")))}{(b.WinnerRoomId is { } w ? $", winner {Markup.Escape(w)}" : "")}[/]",
            CommentDeletedEvent d => $"[grey]#{d.Seq}[/] [italic]{who} deleted comment {Markup.Escape(d.CommentId)}[/]",
            UserMutedEvent m => $"[grey]#{m.Seq}[/] [italic]{who} muted {Markup.Escape(m.TargetUserId)}[/]",
            UserBannedEvent b => $"[grey]#{b.Seq}[/] [italic]{who} banned {Markup.Escape(b.TargetUserId)}[/]",
            UserUnbannedEvent u => $"[grey]#{u.Seq}[/] [italic]{who} unbanned {Markup.Escape(u.TargetUserId)}[/]",
            SlowModeEvent s => $"[grey]#{s.Seq}[/] [italic]slow mode: {(s.Seconds == 0 ? "off" : $"one comment per {s.Seconds} s")}[/]",
            _ => $"[grey]#{e.Seq}[/] [italic]{who}: {Markup.Escape(e.GetType().Name)}[/]",
        };
    }
}
