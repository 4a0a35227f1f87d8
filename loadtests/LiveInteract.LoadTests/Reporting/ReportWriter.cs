using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace LiveInteract.LoadTests.Reporting;

/// <summary>Writes result.json and report.html (ScottPlot PNGs embedded as data URIs, so the file stands alone).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<(string Json, string Html)> Write(string directory, IReadOnlyList<LoadResult> results, IReadOnlyDictionary<string, double> ratios)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "result.json");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { results, ratios }, Json));
        var htmlPath = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(htmlPath, Html(results, ratios));
        return (jsonPath, htmlPath);
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Html(IReadOnlyList<LoadResult> results, IReadOnlyDictionary<string, double> ratios)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>liveinteract-load report</title>"
            + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>");
        html.Append("<h1>liveinteract-load</h1>");
        foreach (var r in results)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(r.Target)}: {Enc(r.Preset)} ({Enc(r.BaseUrl)}, {r.StartedAt:u}, {F(r.Seconds)} s)</h2>");
            foreach (var note in r.Notes) html.Append(CultureInfo.InvariantCulture, $"<p><b>note:</b> {Enc(note)}</p>");
            var c = r.Connections;
            html.Append(CultureInfo.InvariantCulture, $"<p>connections: attempted {c.Attempted}, established {c.Established}, failed {c.Failed}, dropped {c.Dropped}, left by churn {c.LeftByChurn}; client CPU {F(r.ClientCpuPercentAverage)} % of all cores</p>");
            var f = r.Efficiency;
            html.Append(CultureInfo.InvariantCulture, $"<p>viewers: {f.ViewerMode}, protocol {f.Protocol}; generator CPU {F(f.ClientCpuMsPer1000Deliveries)} ms per 1,000 deliveries; server CPU {(f.ServerCpuMsPer1000Deliveries is { } s ? F(s) : "n/a")} ms per 1,000; bytes per delivery {(f.BytesPerDelivery is { } b ? F(b) : "n/a (SDK viewers)")}</p>");
            if (r.Hls.Players > 0) html.Append(CultureInfo.InvariantCulture, $"<p>HLS: {r.Hls.Players} players, {r.Hls.Requests} requests, {r.Hls.Failed} failed; {r.Hls.FramesStreamed} video frames streamed into the first room</p>");
            html.Append("<table><tr><th></th><th>count</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
            foreach (var (name, p) in new[] { ("connect", r.ConnectMs), ("end-to-end", r.LatencyMs) })
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{name}</th><td>{p.Count}</td><td>{F(p.P50)}</td><td>{F(p.P90)}</td><td>{F(p.P99)}</td><td>{F(p.P999)}</td><td>{F(p.Max)}</td></tr>");
            html.Append("</table><h3>Events</h3><table><tr><th>type</th><th>sent</th><th>acked</th><th>rejected</th><th>delivered</th><th>expected</th><th>lost</th><th>duplicates</th><th>note</th></tr>");
            foreach (var e in r.Events)
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{e.Type}</th><td>{e.Sent}</td><td>{e.Acknowledged}</td><td>{e.Rejected}</td><td>{e.Delivered}</td><td>{e.Expected}</td><td>{e.Lost}</td><td>{e.Duplicates}</td><td>{Enc(e.Note ?? "")}</td></tr>");
            html.Append("</table><h3>Server</h3><table>");
            if (r.ServerRssAfterBytes is { } rss) html.Append(CultureInfo.InvariantCulture, $"<tr><th>RSS before / after</th><td>{F((r.ServerRssBeforeBytes ?? 0) / 1048576.0)} / {F(rss / 1048576.0)} MiB</td></tr>");
            if (r.ServerBytesPerConnection is { } per) html.Append(CultureInfo.InvariantCulture, $"<tr><th>bytes per connection</th><td>{F(per)}</td></tr>");
            foreach (var (k, v) in r.ServerMetrics.Where(kv => kv.Key.StartsWith("liveinteract_", StringComparison.Ordinal) || kv.Key.Contains("connections", StringComparison.Ordinal)))
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Enc(k)}</th><td>{F(v)}</td></tr>");
            html.Append("</table>");
            html.Append(Plot(r, "latency over time (ms)", "ms", ("p50", s => s.P50Ms), ("p99", s => s.P99Ms)));
            html.Append(Plot(r, "connections over time", "viewers", ("connected", s => s.Connected)));
            html.Append(Plot(r, "throughput", "per second", ("deliveries/s", s => s.DeliveriesPerSecond), ("comments sent/s", s => s.CommentsPerSecond)));
            html.Append(Plot(r, "client CPU", "% of all cores", ("cpu", s => s.ClientCpuPercent)));
        }
        if (ratios.Count > 0)
        {
            html.Append("<h2>LiveInteract / baseline</h2><table>");
            foreach (var (k, v) in ratios) html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Enc(k)}</th><td>{F(v)}</td></tr>");
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Plot(LoadResult r, string title, string yLabel, params (string Label, Func<Sample, double> Value)[] series)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("seconds");
        plot.YLabel(yLabel);
        var xs = r.Samples.Select(s => s.Seconds).ToArray();
        foreach (var (label, value) in series)
        {
            var scatter = plot.Add.Scatter(xs, r.Samples.Select(s => value(s) is var v && double.IsNaN(v) ? 0 : v).ToArray());
            scatter.LegendText = label;
        }
        plot.ShowLegend();
        var png = plot.GetImageBytes(900, 300, ImageFormat.Png);
        return $"<h3>{Enc(title)}</h3><img alt=\"{Enc(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
