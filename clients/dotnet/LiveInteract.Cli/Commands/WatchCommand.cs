using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Updates;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary>
/// <c>liveinteract watch ROOM</c>: the room's live feed (comments, gifts, likes, viewers) until the room
/// ends or Ctrl+C. Survives server restarts: the client reconnects and replays what it missed, once each.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var command = new Command("watch", "Watch a room's live feed") { room };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            await client.ConnectAsync(ct);
            var snapshot = await client.JoinRoomAsync(parse.GetValue(room)!, cancellationToken: ct);
            var kicked = cli.Json ? await WriteLines(cli, client, ct) : await ShowLive(client, new WatchScreen(snapshot), ct);
            return kicked is null ? 0 : CliContext.Fail($"the server removed you from the room ({kicked})");
        }));
        return command;
    }

    // Both return null when the room ended, or the reason the server removed this viewer.
    private static async Task<string?> WriteLines(CliContext cli, LiveClient client, CancellationToken ct)
    {
        await foreach (var update in client.Updates(ct))
        {
            if (ToLine(update) is { } line) cli.Out.Write(line, CliJsonContext.Default.FeedLine);
            if (update is RoomEndedUpdate) return null;
            if (update is KickedUpdate k) return k.Reason;
        }
        return null;
    }

    private static async Task<string?> ShowLive(LiveClient client, WatchScreen screen, CancellationToken ct)
    {
        string? kicked = null;
        await AnsiConsole.Live(screen.Render()).StartAsync(async live =>
        {
            await foreach (var update in client.Updates(ct))
            {
                screen.Apply(update);
                live.UpdateTarget(screen.Render());
                if (update is KickedUpdate k) kicked = k.Reason;
                if (screen.Ended || screen.Kicked) return;
            }
        });
        return kicked;
    }

    private static FeedLine? ToLine(LiveUpdate update) => update switch
    {
        RoomJoinedUpdate j => new FeedLine(j.Rejoined ? "rejoined" : "joined", j.RoomId)
        {
            Title = j.Snapshot.Title, Status = j.Snapshot.Status, LastSeq = j.Snapshot.LastSeq, Counters = j.Snapshot.Counters,
        },
        RoomEventUpdate e => new FeedLine("event", e.RoomId) { Event = e.Event },
        CountersUpdate c => new FeedLine("counters", c.RoomId) { Counters = c.Counters },
        ViewerCountUpdate v => new FeedLine("viewers", v.RoomId) { Viewers = v.Viewers },
        RoomEndedUpdate r => new FeedLine("ended", r.RoomId),
        KickedUpdate k => new FeedLine("kicked", k.RoomId) { Message = k.Reason },
        EventsMissedUpdate m => new FeedLine("missed", m.RoomId) { FromSeq = m.FromSeq, ToSeq = m.ToSeq },
        RejoinFailedUpdate f => new FeedLine("rejoin_failed", f.RoomId) { Message = f.Message },
        ConnectionUpdate c => new FeedLine("connection", "") { State = c.State.ToString().ToLowerInvariant(), Message = c.Error?.Message },
        _ => null,
    };
}
