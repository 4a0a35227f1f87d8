using System.Globalization;
using LiveInteract.LoadTests.Hosting;

namespace LiveInteract.LoadTests.Running;

/// <summary>What the command line asked for: a scenario, a target and where the report goes.</summary>
public sealed record CommandLine(LoadSettings Settings, Uri? Url, string Target, bool CompareBaseline, string? ServerDll, string Output, bool Quiet, string ServerGc = "workstation", CpuSet? ServerCpus = null)
{
    public const string Usage = """
        liveinteract-load [preset] [flags]
          presets: join-storm, chatty-room, gift-rush, many-rooms, soak (flags after the preset override it);
                   fraud-ring, spam-burst: abuse patterns checked against the risk endpoint (see their own flags)
          --url URL               a running server (loopback only); default: start the Release server dll as a child process
          --target liveinteract|baseline   what to start when no --url is given (default liveinteract)
          --compare-baseline      also run the same scenario against the plain-SignalR baseline and report ratios
          --server-dll PATH       default src/LiveInteract.Server/bin/Release/net10.0/LiveInteract.Server.dll
          --server-gc workstation|server|datas   GC mode of the server the tool starts (default workstation)
          --server-cpus LIST      pin every server the tool starts to these CPUs (e.g. 0, 0,2 or 0-1) and the tool
                                  to the others, so generator and server never share a core (needs taskset)
          --viewers N --ramp N/s --connect-concurrency N --rooms N --spread even|skewed --senders N
          --comments N/s --likes N/s --gifts N/s  (per room)   --duration S --warmup S --send-during-ramp --drain S --churn N/s --hls FRACTION
          --prime S               before the measured runs, an unmeasured run of the same scenario (sending for S seconds)
                                  against each target: the JIT warm-up of servers and tool is left out of the figures
          --source-addresses N    bind client sockets to 127.0.0.1..N (needed above ~25k connections)
          --viewer sdk|lean       SDK LiveClients, or bare-socket viewers read by a few loops (default: lean above 2,000 viewers)
          --protocol json|messagepack   the hub protocol of every viewer (default json)
          --watchers anonymous|signed-in   viewers that only watch connect without a token (default) or sign in first
          --out DIR               where result.json and report.html go (default load-results/<time>)
          --quiet                 no live progress
        """;

    public static CommandLine Parse(string[] args) => Parse(args, Environment.ProcessorCount);

    /// <summary>Parses <paramref name="args"/> for a machine with <paramref name="processorCount"/> CPUs (what <c>--server-cpus</c> is checked against).</summary>
    public static CommandLine Parse(string[] args, int processorCount)
    {
        var settings = new LoadSettings();
        Uri? url = null;
        string target = "liveinteract", output = Path.Combine("load-results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string? serverDll = null;
        var serverGc = "workstation";
        string? serverCpus = null;
        bool compare = false, quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (i == 0 && !arg.StartsWith("--", StringComparison.Ordinal))
            {
                settings = Presets.All.TryGetValue(arg, out var preset) ? preset : throw new ArgumentException($"unknown preset '{arg}' (known: {string.Join(", ", Presets.All.Keys)})");
                continue;
            }
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{arg} needs a number");
            switch (arg)
            {
                case "--url": url = new Uri(Value().TrimEnd('/') + "/"); break;
                case "--target": target = Value(); break;
                case "--compare-baseline": compare = true; break;
                case "--server-dll": serverDll = Value(); break;
                case "--server-gc": serverGc = Value(); break;
                case "--server-cpus": serverCpus = Value(); break;
                case "--out": output = Value(); break;
                case "--quiet": quiet = true; break;
                case "--viewers": settings = settings with { Viewers = (int)Number() }; break;
                case "--ramp": settings = settings with { RampPerSecond = Number() }; break;
                case "--connect-concurrency": settings = settings with { ConnectConcurrency = (int)Number() }; break;
                case "--rooms": settings = settings with { Rooms = (int)Number() }; break;
                case "--spread": settings = settings with { Spread = Value() }; break;
                case "--senders": settings = settings with { SendersPerRoom = (int)Number() }; break;
                case "--comments": settings = settings with { CommentsPerSecondPerRoom = Number() }; break;
                case "--likes": settings = settings with { LikesPerSecondPerRoom = Number() }; break;
                case "--gifts": settings = settings with { GiftsPerSecondPerRoom = Number() }; break;
                case "--duration": settings = settings with { Duration = TimeSpan.FromSeconds(Number()) }; break;
                case "--warmup": settings = settings with { Warmup = TimeSpan.FromSeconds(Number()) }; break;
                case "--prime": settings = settings with { Prime = TimeSpan.FromSeconds(Number()) }; break;
                case "--send-during-ramp": settings = settings with { SendDuringRamp = true }; break;
                case "--drain": settings = settings with { Drain = TimeSpan.FromSeconds(Number()) }; break;
                case "--churn": settings = settings with { ChurnPerSecond = Number() }; break;
                case "--hls": settings = settings with { HlsFraction = Number() }; break;
                case "--source-addresses": settings = settings with { SourceAddresses = (int)Number() }; break;
                case "--viewer": settings = settings with { ViewerMode = Value() }; break;
                case "--protocol": settings = settings with { Protocol = Value() }; break;
                case "--watchers": settings = settings with { Watchers = Value() }; break;
                default: throw new ArgumentException($"unknown flag '{arg}'");
            }
        }
        settings.Validate();
        if (target is not ("liveinteract" or "baseline")) throw new ArgumentException("--target must be liveinteract or baseline");
        if (url is not null && !url.IsLoopback) throw new ArgumentException("--url must be a loopback address: this tool only loads this machine");
        if (serverGc is not ("workstation" or "server" or "datas")) throw new ArgumentException("--server-gc must be workstation, server or datas");
        var cpus = serverCpus is null ? null : CpuSet.Parse(serverCpus, processorCount);
        if (cpus is not null && url is not null) throw new ArgumentException("--server-cpus pins the servers the tool starts: it cannot be combined with --url");
        return new CommandLine(settings, url, target, compare, serverDll, output, quiet, serverGc, cpus);
    }
}
