using System.Globalization;

namespace LiveInteract.LoadTests.Reporting;

/// <summary>
/// Reads the server's Prometheus text at /metrics and sums the samples of each metric over its labels.
/// Only LiveInteract's, process, SignalR connection and Kestrel connection figures are kept.
/// </summary>
public static class MetricsScraper
{
    private static readonly string[] Kept = ["liveinteract_", "process_", "dotnet_", "signalr_server_", "kestrel_active_connections", "kestrel_queued"];

    public static async Task<Dictionary<string, double>> Scrape(HttpClient http, Uri baseUrl, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "metrics"), cancellationToken);
            if (!response.IsSuccessStatusCode) return sums;
            foreach (var line in (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var nameEnd = line.IndexOfAny(['{', ' ']);
                var valueStart = line.LastIndexOf(' ');
                if (nameEnd <= 0 || valueStart <= nameEnd) continue;
                var name = line[..nameEnd];
                if (!Kept.Any(k => name.StartsWith(k, StringComparison.Ordinal)) || name.EndsWith("_bucket", StringComparison.Ordinal)) continue;
                // A trailing token may be a timestamp: then the value is the token before it.
                var parts = line[(line.IndexOf('}') is var close and >= 0 ? close + 1 : nameEnd)..].Trim().Split(' ');
                if (double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    sums[name] = sums.GetValueOrDefault(name) + value;
            }
        }
        catch (HttpRequestException) { }
        return sums;
    }
}
