using System.CommandLine;
using LiveInteract.Cli;
using LiveInteract.Cli.Commands;

var root = new RootCommand("liveinteract: watch, chat, gift and host LiveInteract rooms from a terminal")
{
    GlobalOptions.Server,
    GlobalOptions.Name,
    GlobalOptions.Token,
    GlobalOptions.Json,
    LoginCommand.Create(),
    RoomsCommand.Create(),
    WatchCommand.Create(),
    SayCommand.Create(),
    GiftCommand.Create(),
    WalletCommand.Create(),
    HostCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
