using System.CommandLine;
using LiveInteract.Cli.Output;
using System.Net;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Gifts;
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
            WalletBalance wallet;
            try
            {
                wallet = parse.GetValue(topUp) is { } coins
                    ? await client.TopUpAsync(coins, ct)
                    : await client.GetWalletAsync(ct);
            }
            catch (LiveClientException ex) when (ex.Status == HttpStatusCode.NotFound && ex.Code == "not_found" && ex.Message.StartsWith("/api/wallet", StringComparison.Ordinal))
            {
                return CliContext.Fail("this server does not support wallets yet (/api/wallet is missing)");
            }
            if (cli.Json) cli.Out.Write(wallet, CliJsonContext.Default.WalletBalance);
            else AnsiConsole.MarkupLine($"Balance: [bold]{wallet.Balance}[/] coins");
            return 0;
        }));
        return command;
    }
}
