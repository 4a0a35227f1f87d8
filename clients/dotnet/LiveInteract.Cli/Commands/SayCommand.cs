using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract say ROOM TEXT</c>: one comment.</summary>
internal static class SayCommand
{
    public static Command Create()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var text = new Argument<string>("text") { Description = "The comment" };
        var command = new Command("say", "Send a comment to a room") { room, text };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            await client.ConnectAsync(ct);
            var roomId = parse.GetValue(room)!;
            var receipt = await client.SendCommentAsync(roomId, parse.GetValue(text)!, ct);
            if (cli.Json) cli.Out.Write(receipt, CliJsonContext.Default.CommentReceipt);
            else AnsiConsole.MarkupLine($"Sent comment [bold]{Markup.Escape(receipt.CommentId)}[/] (seq {receipt.Seq}) to {Markup.Escape(roomId)}.");
            return 0;
        }));
        return command;
    }
}
