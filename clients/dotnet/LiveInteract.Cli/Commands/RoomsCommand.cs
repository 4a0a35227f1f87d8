using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract rooms</c>: the live rooms, most viewers first.</summary>
internal static class RoomsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many rooms", DefaultValueFactory = _ => 50 };
        var command = new Command("rooms", "List live rooms, most viewers first") { limit };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            var rooms = await client.ListRoomsAsync(parse.GetValue(limit), ct);
            if (cli.Json)
            {
                cli.Out.Write([.. rooms], CliJsonContext.Default.ListRoomListing);
                return 0;
            }
            if (rooms.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]No live rooms.[/]");
                return 0;
            }
            var table = new Table().AddColumns("Room", "Title", "Creator", "Viewers", "Likes", "Live since");
            foreach (var room in rooms)
            {
                var since = room.StartedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at).ToLocalTime().ToString("HH:mm:ss") : "";
                table.AddRow(Markup.Escape(room.RoomId), Markup.Escape(room.Title), Markup.Escape(room.CreatorName),
                    room.Viewers.ToString(), room.Likes.ToString(), since);
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
