using System.CommandLine;
using LiveInteract.Client.Auth;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract login [--creator]</c>: a guest token to reuse with --token / LIVEINTERACT_TOKEN, so several commands act as one user.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var creator = new Option<bool>("--creator") { Description = "Ask for a creator token (may open rooms)" };
        var command = new Command("login", "Get a guest token to reuse across commands") { creator };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = new LiveInteract.Client.LiveClient(cli.Server);
            var token = await client.SignInAsGuestAsync(cli.Name, parse.GetValue(creator) ? UserRole.Creator : UserRole.Viewer, ct);
            if (cli.Json) cli.Out.Write(token, Output.CliJsonContext.Default.AuthToken);
            else
            {
                AnsiConsole.MarkupLine($"Signed in as [bold]{Markup.Escape(token.DisplayName)}[/] ({Markup.Escape(token.UserId)}, {token.Role}) until {token.ExpiresAtUtc:u}.");
                AnsiConsole.WriteLine($"export LIVEINTERACT_TOKEN={token.Token}");
            }
            return 0;
        }));
        return command;
    }
}
