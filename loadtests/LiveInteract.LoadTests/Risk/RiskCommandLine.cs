using System.Globalization;

namespace LiveInteract.LoadTests.Risk;

/// <summary>
/// <c>liveinteract-load fraud-ring|spam-burst [--accounts N] [--url URL --api-key KEY] [--server-dll PATH] [--timeout S]</c>:
/// without <c>--url</c> the tool starts the server with its own service API key.
/// </summary>
public sealed record RiskCommandLine(string Preset, int Accounts, Uri? Url, string? ApiKey, string? ServerDll, TimeSpan Timeout)
{
    public const string Usage = """
        liveinteract-load fraud-ring|spam-burst [flags]   an abuse pattern, then GET /api/service/risk must flag it (and not its honest twin)
          --accounts N            accounts in the pattern and in the twin (default 6; the server's thresholds default to 5)
          --url URL --api-key KEY a running server and its service API key; default: start the server dll with a key of the tool's
          --server-dll PATH       as for the other presets
          --timeout S             how long to wait for the flag after the pattern was driven (default 30)
        """;

    public static bool Handles(string[] args) => args.Length > 0 && RiskPatternRun.Signals.ContainsKey(args[0]);

    public static RiskCommandLine Parse(string[] args)
    {
        var line = new RiskCommandLine(args[0], 6, null, null, null, TimeSpan.FromSeconds(30));
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{arg} needs a positive number");
            line = arg switch
            {
                "--accounts" => line with { Accounts = Number() },
                "--url" => line with { Url = new Uri(Value().TrimEnd('/') + "/") },
                "--api-key" => line with { ApiKey = Value() },
                "--server-dll" => line with { ServerDll = Value() },
                "--timeout" => line with { Timeout = TimeSpan.FromSeconds(Number()) },
                _ => throw new ArgumentException($"unknown flag '{arg}' for {args[0]}"),
            };
        }
        if (line.Url is not null && line.ApiKey is null) throw new ArgumentException("--url needs --api-key (the risk endpoint is the service API)");
        return line;
    }
}
