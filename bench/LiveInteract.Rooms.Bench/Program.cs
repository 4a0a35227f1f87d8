using System.Globalization;
using LiveInteract.LoadTests.Baseline;
using LiveInteract.LoadTests.Hosting;
using LiveInteract.Rooms.Bench;

// Usage: dotnet run -c Release --project bench/LiveInteract.Rooms.Bench -- [--viewers 1000] [--rate 100] [--seconds 30] [--rounds 2]
//        [--stalled-reader] (LiveInteract only: each round runs without and with one viewer that never reads its socket)
//        [--server-dll path] (another build of the server, e.g. an older commit's, to compare)
//        (internal) --serve-baseline <url>
if (args.Length == 2 && args[0] == BaselineServer.ServeArgument)
{
    await BaselineServer.Run(args[1]);
    return 0;
}

var viewers = Arg("--viewers", 1000);
var rate = Arg("--rate", 100);
var seconds = Arg("--seconds", 30);
var rounds = Arg("--rounds", 2);
var root = FindRepoRoot();
var stalledMode = args.Contains("--stalled-reader");
var serverDllArg = Array.IndexOf(args, "--server-dll");
var serverDll = serverDllArg >= 0 ? Path.GetFullPath(args[serverDllArg + 1]) : Path.Combine(root, "src/LiveInteract.Server/bin/Release/net10.0/LiveInteract.Server.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"Build the server first: dotnet build src/LiveInteract.Server -c Release ({serverDll} missing)");
    return 2;
}

Console.WriteLine($"fan-out bench: {viewers} viewers, one room, {rate} comments/s for {seconds} s, {rounds} round(s) per target, {Environment.ProcessorCount} cores{(stalledMode ? ", stalled-reader mode, server " + serverDll : "")}");
var targets = stalledMode ? new[] { "liveinteract", "liveinteract+stalled" } : new[] { "baseline", "liveinteract" };
var results = new List<FanoutResult>();
for (var round = 1; round <= rounds; round++)
{
    foreach (var target in targets)
    {
        await using var server = target == "baseline"
            ? await ServerProcess.StartBaseline(typeof(FanoutRun).Assembly.Location)
            : await ServerProcess.StartLiveInteract(serverDll);
        var result = await FanoutRun.Execute(target, server.BaseUrl, viewers, rate, TimeSpan.FromSeconds(seconds), server.IsLiveInteract, stalledMode);
        results.Add(result);
        Console.WriteLine(result.ToLine());
    }
}
Console.WriteLine();
Console.WriteLine(FanoutResult.MarkdownTable(results));
return results.Any(r => r.Lost > 0) ? 1 : 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveInteract.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
