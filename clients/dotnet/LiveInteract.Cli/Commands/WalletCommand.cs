using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using LiveInteract.Contracts.Gifts;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract wallet [--topup N]</c>: the balance, optionally after a demo top-up.</summary>
internal static class WalletCommand
{
    public static Command Create()
    {
        var topUp = new Option<long?>("--topup") { Description = "Add this many demo coins first" };
        var command = new Command("wallet", "Show your coin balance") { topUp };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            WalletView wallet = parse.GetValue(topUp) is { } coins
                ? await client.TopUpAsync(coins, ct)
                : await client.GetWalletAsync(ct);
            if (cli.Json) cli.Out.Write(wallet, CliJsonContext.Default.WalletView);
            else AnsiConsole.MarkupLine($"Balance: [bold]{wallet.Balance}[/] coins (topped up {wallet.ToppedUp}, spent {wallet.Spent})");
            return 0;
        }));
        return command;
    }
}
