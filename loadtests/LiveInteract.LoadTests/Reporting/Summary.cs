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
        if (r.RampLatencyMs is { } ramp)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  during the ramp: {ramp.Count} comment deliveries, latency p50 {ramp.P50:F1} p90 {ramp.P90:F1} p99 {ramp.P99:F1} max {ramp.Max:F1} ms"));
        var f = r.Efficiency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  viewers {f.ViewerMode} ({f.Protocol}): generator cpu {f.ClientCpuMsPer1000Deliveries:F1} ms per 1,000 deliveries; server cpu {f.ServerCpuMsPer1000Deliveries:F1} ms per 1,000; bytes per delivery {f.BytesPerDelivery:F0}"));
        if (r.Memory is { } m)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  server memory ({m.GcMode}, {m.Viewers} viewers): managed {m.ManagedBefore / 1048576.0:F1} -> {m.ManagedAfter / 1048576.0:F1} MiB = {m.ManagedBytesPerViewer / 1024:F1} KiB per viewer; RSS {m.RssBefore / 1048576.0:F1} -> {m.RssAfter / 1048576.0:F1} MiB = {m.RssBytesPerViewer / 1024:F1} KiB per viewer"));
        foreach (var e in r.Events)
            Console.WriteLine($"  {e.Type}: sent {e.Sent} acked {e.Acknowledged} delivered {e.Delivered} expected {e.Expected} lost {e.Lost} duplicates {e.Duplicates} {e.Note}");
        if (r.Hls.Players > 0) Console.WriteLine($"  hls: {r.Hls.Players} players, {r.Hls.Requests} requests, {r.Hls.Failed} failed, {r.Hls.FramesStreamed} frames streamed");
        foreach (var note in r.Notes) Console.WriteLine($"  note: {note}");
    }
}
