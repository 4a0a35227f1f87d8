using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using LiveInteract.Contracts.Interactive;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary>
/// <c>liveinteract poll start ROOM QUESTION OPTION... [--seconds N]</c>, <c>poll vote ROOM POLL OPTION</c> (0-based),
/// <c>poll end ROOM POLL</c>. Starting and ending need the room's creator or a moderator (pass their <c>--token</c>).
/// </summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var command = new Command("poll", "Start, vote in and end polls");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Vote());
        command.Subcommands.Add(End());
        return command;
    }

    private static Command Start()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var question = new Argument<string>("question") { Description = "The question" };
        var options = new Argument<string[]>("options") { Description = "2 to 4 answers", Arity = ArgumentArity.OneOrMore };
        var seconds = new Option<int>("--seconds") { Description = "How long the poll stays open", DefaultValueFactory = _ => 60 };
        var command = new Command("start", "Open a poll (creator or moderator)") { room, question, options, seconds };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Creator, ct);
            await client.ConnectAsync(ct);
            var pollId = await client.StartPollAsync(parse.GetValue(room)!, parse.GetValue(question)!, parse.GetValue(options)!, parse.GetValue(seconds), ct);
            if (cli.Json) cli.Out.Write(new PollReceipt(pollId), CliJsonContext.Default.PollReceipt);
            else AnsiConsole.MarkupLine($"Poll [bold]{Markup.Escape(pollId)}[/] is open.");
            return 0;
        }));
        return command;
    }

    private static Command Vote()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var poll = new Argument<string>("poll") { Description = "Poll id" };
        var option = new Argument<int>("option") { Description = "The option's index, from 0" };
        var command = new Command("vote", "Vote in the open poll (voting again moves your vote)") { room, poll, option };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Viewer, ct);
            await client.ConnectAsync(ct);
            await client.VoteAsync(parse.GetValue(room)!, parse.GetValue(poll)!, parse.GetValue(option), ct);
            if (!cli.Json) AnsiConsole.MarkupLine($"Voted for option {parse.GetValue(option)}.");
            return 0;
        }));
        return command;
    }

    private static Command End()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var poll = new Argument<string>("poll") { Description = "Poll id" };
        var command = new Command("end", "Close the poll now (creator or moderator)") { room, poll };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Creator, ct);
            await client.ConnectAsync(ct);
            await client.EndPollAsync(parse.GetValue(room)!, parse.GetValue(poll)!, ct);
            if (!cli.Json) AnsiConsole.MarkupLine("Poll closed.");
            return 0;
        }));
        return command;
    }
}
