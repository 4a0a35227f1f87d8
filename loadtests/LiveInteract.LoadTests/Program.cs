using System.Globalization;
using LiveInteract.LoadTests.Baseline;
using LiveInteract.LoadTests.Hosting;
using LiveInteract.LoadTests.Reporting;
using LiveInteract.LoadTests.Risk;
using LiveInteract.LoadTests.Running;
using Spectre.Console;

if (args.Length == 2 && args[0] == BaselineServer.ServeArgument)
{
    await BaselineServer.Run(args[1]);
    return 0;
}

if (RiskCommandLine.Handles(args))
{
    RiskCommandLine risk;
    try
    {
        risk = RiskCommandLine.Parse(args);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(RiskCommandLine.Usage);
        return 2;
    }
    await using var riskServer = risk.Url is null ? await ServerProcess.StartLiveInteract(risk.ServerDll ?? DefaultServerDll()) : null;
    var outcome = await new RiskPatternRun(risk.Preset, risk.Accounts, risk.Url ?? new Uri(riskServer!.BaseUrl + "/"),
        risk.ApiKey ?? ServerProcess.ServiceApiKey, risk.Timeout).Execute();
    Console.WriteLine(outcome.Flag is { } flag
        ? $"{outcome.Preset}: flagged {flag.Signal} in room {outcome.PatternRoomId} after {outcome.ElapsedMs:0} ms ({outcome.DrivenMs:0} ms to drive {outcome.Accounts} accounts): {flag.Reason}"
        : $"{outcome.Preset}: NOT flagged within the timeout");
    Console.WriteLine($"honest twin room {outcome.TwinRoomId}: {(outcome.TwinFlagged ? "FLAGGED (a false positive)" : "not flagged")}");
    return outcome.Passed ? 0 : 1;
}

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var results = new List<LoadResult>();
var targets = new List<string> { command.Url is null ? command.Target : "liveinteract" };
if (command.CompareBaseline) targets.Add("baseline");
foreach (var target in targets.Distinct())
    results.Add(await RunOne(target, command));

var ratios = Comparison.Ratios(results);
var (json, html) = await ReportWriter.Write(command.Output, results, ratios);
foreach (var r in results) Summary.Print(r);
foreach (var (k, v) in ratios) AnsiConsole.MarkupLineInterpolated($"ratio {k}: [bold]{v.ToString("0.00", CultureInfo.InvariantCulture)}[/]");
AnsiConsole.MarkupLineInterpolated($"JSON: {json}\nHTML: {html}");
return results.Any(r => r.Events.Any(e => e.Lost > 0 || e.Duplicates > 0) || r.Connections.Failed > 0) ? 1 : 0;

static async Task<LoadResult> RunOne(string target, CommandLine command)
{
    ServerProcess? server = null;
    try
    {
        Uri url;
        if (command.Url is not null && target == "liveinteract") url = command.Url;
        else
        {
            server = target == "baseline"
                ? await ServerProcess.StartBaseline(typeof(BaselineServer).Assembly.Location, command.ServerGc)
                : await ServerProcess.StartLiveInteract(command.ServerDll ?? DefaultServerDll(), command.ServerGc);
            url = new Uri(server.BaseUrl + "/");
        }
        if (command.Quiet || !AnsiConsole.Profile.Capabilities.Interactive)
            return await new LoadRun(command.Settings, url, target, server, p => Console.WriteLine(Summary.Line(p))).Execute();
        LoadResult? result = null;
        var table = new Table().AddColumns("target", "phase", "s", "attempted", "established", "failed", "dropped", "delivered/s", "p99 ms", "client cpu %");
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            result = await new LoadRun(command.Settings, url, target, server, p =>
            {
                table.Rows.Clear();
                table.AddRow(p.Target, p.Phase, F(p.Seconds), $"{p.Attempted}", $"{p.Established}", $"{p.Failed}", $"{p.Dropped}", $"{p.DeliveriesPerSecond}", F(p.P99Ms), F(p.ClientCpuPercent));
                context.Refresh();
            }).Execute();
        });
        return result!;
    }
    finally
    {
        if (server is not null) await server.DisposeAsync();
    }
}

static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

static string DefaultServerDll()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
    var root = dir?.FullName ?? Directory.GetCurrentDirectory();
    return Path.Combine(root, "src/LiveInteract.Server/bin/Release/net10.0/LiveInteract.Server.dll");
}
