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

if (command.ServerCpus is { } serverCpus)
{
    // The generator stays off the servers' cores: a ratio then compares what the servers cost, not what the tool left them.
    var toolCpus = serverCpus.Rest(Environment.ProcessorCount);
    toolCpus.PinCurrentProcess();
    Console.WriteLine($"servers on CPU {serverCpus}, load tool on CPU {toolCpus}");
}

var targets = new List<string> { command.Url is null ? command.Target : "liveinteract" };
if (command.CompareBaseline) targets.Add("baseline");
var results = new List<LoadResult>();
var started = new List<(string Target, Uri Url, ServerProcess? Server)>();
try
{
    foreach (var target in targets.Distinct())
        started.Add(await Start(target, command));
    // Every target is primed before any is measured: the tool's own JIT warm-up would otherwise favour the second.
    if (command.Settings.Prime > TimeSpan.Zero)
    {
        foreach (var (target, url, server) in started)
        {
            var primed = await new LoadRun(command.Settings.Priming(), url, target, server, _ => { }).Execute();
            Console.WriteLine($"[{target}] primed: {primed.Connections.Established} viewers for {command.Settings.Prime.TotalSeconds:0} s (not measured)");
        }
    }
    foreach (var (target, url, server) in started)
        results.Add(await Measure(target, url, server, command));
}
finally
{
    foreach (var (_, _, server) in started)
        if (server is not null) await server.DisposeAsync();
}

var ratios = Comparison.Ratios(results);
var (json, html) = await ReportWriter.Write(command.Output, results, ratios);
foreach (var r in results) Summary.Print(r);
foreach (var (k, v) in ratios) AnsiConsole.MarkupLineInterpolated($"ratio {k}: [bold]{v.ToString("0.00", CultureInfo.InvariantCulture)}[/]");
AnsiConsole.MarkupLineInterpolated($"JSON: {json}\nHTML: {html}");
return results.Any(r => r.Events.Any(e => e.Lost > 0 || e.Duplicates > 0) || r.Connections.Failed > 0) ? 1 : 0;

static async Task<(string Target, Uri Url, ServerProcess? Server)> Start(string target, CommandLine command)
{
    if (command.Url is not null && target == "liveinteract") return (target, command.Url, null);
    var server = target == "baseline"
        ? await ServerProcess.StartBaseline(typeof(BaselineServer).Assembly.Location, command.ServerGc, command.ServerCpus)
        : await ServerProcess.StartLiveInteract(command.ServerDll ?? DefaultServerDll(), command.ServerGc, command.ServerCpus);
    return (target, new Uri(server.BaseUrl + "/"), server);
}

static async Task<LoadResult> Measure(string target, Uri url, ServerProcess? server, CommandLine command)
{
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

static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

static string DefaultServerDll()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
    var root = dir?.FullName ?? Directory.GetCurrentDirectory();
    return Path.Combine(root, "src/LiveInteract.Server/bin/Release/net10.0/LiveInteract.Server.dll");
}
