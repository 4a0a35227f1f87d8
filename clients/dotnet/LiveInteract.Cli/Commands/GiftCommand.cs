using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Gifts;
using LiveInteract.Contracts.Gifts;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract gift ROOM GIFT [COUNT]</c>: one gift, charged once even if the reply is lost and the call retried.</summary>
internal static class GiftCommand
{
    public static Command Create()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var gift = new Argument<string>("gift") { Description = "Gift id from the catalog (GET /api/gifts)" };
        var count = new Argument<int>("count") { Description = "How many", DefaultValueFactory = _ => 1 };
        var command = new Command("gift", "Send a gift to a room's creator (debits your wallet)") { room, gift, count };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n < 1) return CliContext.Fail("count must be at least 1");
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            await client.ConnectAsync(ct);
            var request = GiftRequest.Create(parse.GetValue(room)!, parse.GetValue(gift)!, n);
            var receipt = await client.SendGiftAsync(request, ct);
            if (cli.Json) cli.Out.Write(receipt, CliJsonContext.Default.GiftReceipt);
            else AnsiConsole.MarkupLine($"Sent {n} x [bold]{Markup.Escape(request.GiftId)}[/] ({receipt.Coins} coins) to {Markup.Escape(request.RoomId)}; balance now {receipt.Balance} coins.");
            return 0;
        }));
        return command;
    }
}
