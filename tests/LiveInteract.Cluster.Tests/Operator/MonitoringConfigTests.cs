using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>deploy/prometheus.yml passes Debian's promtool, and every series deploy/grafana-dashboard.json charts is one a real silo exports.</summary>
public sealed partial class MonitoringConfigTests
{
    [Fact]
    public async Task Prometheus_scrape_config_passes_promtool()
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Path };
        foreach (var a in new[] { "check", "config", "deploy/prometheus.yml" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_series_on_the_Grafana_dashboard_is_exported_by_a_silo()
    {
        var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "deploy", "grafana-dashboard.json"))).RootElement;
        var expressions = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.NotEmpty(expressions);
        // Series names: identifiers followed by a label matcher. `up` is made by Prometheus itself.
        var series = expressions.SelectMany(e => SeriesName().Matches(e).Select(m => m.Groups[1].Value)).Where(n => n != "up").ToHashSet();
        Assert.Contains("liveinteract_events_forwarded_total", series);

        await using var redis = new RedisServer();
        await redis.Start();
        await using var silo = await SiloProcess.Start(redis, $"monitoring-{Guid.NewGuid():N}");
        // Traffic, so that counters and histograms have series: a viewer in a room that gets a comment.
        var creator = await ClusterViewer.SignIn(silo.BaseAddress, "Monitor creator", "creator");
        var roomId = await ClusterViewer.CreateLiveRoom(silo.BaseAddress, creator);
        await using var viewer = new ClusterViewer(await ClusterViewer.SignIn(silo.BaseAddress, "Monitor viewer"));
        await viewer.Join(silo.BaseAddress, roomId);
        await viewer.Hub.InvokeAsync<object>(HubMethods.SendComment, roomId, "for the dashboard");

        using var http = new HttpClient();
        var missing = series.ToList();
        await Eventually.Until(async () =>
        {
            var text = await http.GetStringAsync(new Uri(silo.BaseAddress, "metrics"));
            missing = [.. series.Where(name => !Regex.IsMatch(text, $"^{Regex.Escape(name)}[{{ ]", RegexOptions.Multiline))];
            return missing.Count == 0;
        }, "every charted series exported", TimeSpan.FromSeconds(30), () => "charted but not exported: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"\b([a-z_][a-z0-9_]*)\{")]
    private static partial Regex SeriesName();
}
