using System.Globalization;
using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Reporting;

/// <summary>The plain-text lines printed when the terminal is not interactive, and the end-of-run summary.</summary>
public static class Summary
{
    public static string Line(ProgressView p) => string.Create(CultureInfo.InvariantCulture,
        $"[{p.Target}] {p.Phase} {p.Seconds:F0}s attempted {p.Attempted} established {p.Established} failed {p.Failed} dropped {p.Dropped} delivered/s {p.DeliveriesPerSecond} p99 {p.P99Ms:F1} ms cpu {p.ClientCpuPercent:F0}%");

    public static void Print(LoadResult r)
    {
        var c = r.Connections;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Target} {r.Preset}: connections attempted {c.Attempted} established {c.Established} failed {c.Failed} dropped {c.Dropped}; " +
            $"connect p50 {r.ConnectMs.P50:F1} p99 {r.ConnectMs.P99:F1} ms; latency p50 {r.LatencyMs.P50:F1} p90 {r.LatencyMs.P90:F1} p99 {r.LatencyMs.P99:F1} p99.9 {r.LatencyMs.P999:F1} max {r.LatencyMs.Max:F1} ms; " +
            $"client cpu {r.ClientCpuPercentAverage:F0}%; server bytes/connection {r.ServerBytesPerConnection:F0}"));
        foreach (var e in r.Events)
            Console.WriteLine($"  {e.Type}: sent {e.Sent} acked {e.Acknowledged} delivered {e.Delivered} expected {e.Expected} lost {e.Lost} duplicates {e.Duplicates} {e.Note}");
        if (r.Hls.Players > 0) Console.WriteLine($"  hls: {r.Hls.Players} players, {r.Hls.Requests} requests, {r.Hls.Failed} failed, {r.Hls.FramesStreamed} frames streamed");
        foreach (var note in r.Notes) Console.WriteLine($"  note: {note}");
    }
}
