using System.CommandLine;
using LiveInteract.Cli.Output;
using LiveInteract.Client.Auth;
using LiveInteract.Contracts.Interactive;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary>
/// <c>liveinteract ask ROOM TEXT</c>: asks a question. <c>ask ROOM --list [--sort top|new]</c> lists the room's
/// questions; <c>--upvote ID</c> upvotes one; <c>--answer ID</c> marks it answered and pins it (creator or moderator).
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var room = new Argument<string>("room") { Description = "Room id" };
        var text = new Argument<string?>("text") { Description = "The question", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the room's questions instead" };
        var sort = new Option<string>("--sort") { Description = "top (most upvoted first) or new", DefaultValueFactory = _ => QuestionSort.Top };
        var upvote = new Option<string?>("--upvote") { Description = "Upvote this question id" };
        var answer = new Option<string?>("--answer") { Description = "Mark this question id answered and pin it" };
        var command = new Command("ask", "Ask, list, upvote or answer questions in a room's Q&A") { room, text, list, sort, upvote, answer };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            var roomId = parse.GetValue(room)!;
            var answering = parse.GetValue(answer);
            await using var client = await cli.SignInAsync(answering is null ? UserRole.Viewer : UserRole.Creator, ct);
            if (parse.GetValue(list))
            {
                var questions = await client.GetQuestionsAsync(roomId, parse.GetValue(sort)!, ct);
                if (cli.Json) cli.Out.Write([.. questions], CliJsonContext.Default.ListQuestionView);
                else foreach (var q in questions)
                    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(q.QuestionId)}[/] ▲{q.Votes} {Markup.Escape(q.DisplayName)}: {Markup.Escape(q.Text)}{(q.Answered ? " [green](answered)[/]" : "")}");
                return 0;
            }
            await client.ConnectAsync(ct);
            if (parse.GetValue(upvote) is { } up)
            {
                await client.UpvoteQuestionAsync(roomId, up, ct);
                if (!cli.Json) AnsiConsole.MarkupLine($"Upvoted {Markup.Escape(up)}.");
                return 0;
            }
            if (answering is not null)
            {
                await client.AnswerQuestionAsync(roomId, answering, ct);
                if (!cli.Json) AnsiConsole.MarkupLine($"Answered and pinned {Markup.Escape(answering)}.");
                return 0;
            }
            if (parse.GetValue(text) is not { } question) return CliContext.Fail("give the question's text, or --list, --upvote or --answer");
            var questionId = await client.AskQuestionAsync(roomId, question, ct);
            if (cli.Json) cli.Out.Write(new QuestionReceipt(questionId), CliJsonContext.Default.QuestionReceipt);
            else AnsiConsole.MarkupLine($"Asked question [bold]{Markup.Escape(questionId)}[/].");
            return 0;
        }));
        return command;
    }
}
