using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using LiveInteract.Contracts.Interactive;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary><c>liveinteract goal set ROOM coins|likes TARGET TITLE</c> and <c>goal clear ROOM</c> (the room's creator).</summary>
internal static class GoalCommand
{
    public static Command Create()
    {
        var command = new Command("goal", "Set or clear the room's LIVE goal (creator)");
        var room = new Argument<string>("room") { Description = "Room id" };
        var kind = new Argument<string>("kind") { Description = "coins (gift coins) or likes" };
        var target = new Argument<long>("target") { Description = "How many to reach" };
        var title = new Argument<string>("title") { Description = "What it is for" };
        var set = new Command("set", "Set the goal (counted from now)") { room, kind, target, title };
        set.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Creator, ct);
            await client.ConnectAsync(ct);
            var goal = await client.SetGoalAsync(parse.GetValue(room)!, new GoalSpec(parse.GetValue(kind)!, parse.GetValue(target), parse.GetValue(title)!), ct);
            if (cli.Json) cli.Out.Write(goal, CliJsonContext.Default.GoalView);
            else AnsiConsole.MarkupLine($"Goal [bold]{Markup.Escape(goal.GoalId)}[/]: {Markup.Escape(goal.Title)} ({goal.Target} {goal.Kind}).");
            return 0;
        }));
        var clearRoom = new Argument<string>("room") { Description = "Room id" };
        var clear = new Command("clear", "Remove the goal") { clearRoom };
        clear.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            await using var client = await cli.SignInAsync(UserRole.Creator, ct);
            await client.ConnectAsync(ct);
            await client.ClearGoalAsync(parse.GetValue(clearRoom)!, ct);
            if (!cli.Json) AnsiConsole.MarkupLine("Goal cleared.");
            return 0;
        }));
        command.Subcommands.Add(set);
        command.Subcommands.Add(clear);
        return command;
    }
}
