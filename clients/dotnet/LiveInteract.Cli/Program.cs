using System.CommandLine;
using LiveInteract.Cli.Commands;

namespace LiveInteract.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("liveinteract: watch, chat, gift and host LiveInteract rooms from a terminal")
        {
            GlobalOptions.Server,
            GlobalOptions.Name,
            GlobalOptions.Token,
            GlobalOptions.Json,
            GlobalOptions.Protocol,
            LoginCommand.Create(),
            RoomsCommand.Create(),
            WatchCommand.Create(),
            SayCommand.Create(),
            GiftCommand.Create(),
            WalletCommand.Create(),
            HostCommand.Create(),
            PollCommand.Create(),
            AskCommand.Create(),
            GoalCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
