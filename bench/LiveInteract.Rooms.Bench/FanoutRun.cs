using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Rooms.Bench;

/// <summary>
/// One measured run: viewers join one room over WebSockets; 10 sender connections post comments at a fixed total
/// rate; each comment carries the sender's Stopwatch timestamp, and every viewer records the delivery latency.
/// All clients live in this process, so one clock measures end-to-end time.
/// </summary>
internal static class FanoutRun
{
    private const int Senders = 10;

    public static async Task<FanoutResult> Execute(string target, string baseUrl, int viewers, int rate, TimeSpan duration, bool liveInteract, bool stalledReader = false)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var roomId = "bench";
        var tokens = new ConcurrentBag<string>();
        string? creatorToken = null;
        if (liveInteract)
        {
            creatorToken = await Token(http, "creator", "creator");
            http.DefaultRequestHeaders.Authorization = new("Bearer", creatorToken);
            var room = await (await http.PostAsJsonAsync("api/rooms", new { title = "bench" })).Content.ReadFromJsonAsync<JsonElement>();
            roomId = room.GetProperty("roomId").GetString()!;
            (await http.PostAsync($"api/rooms/{roomId}/start", null)).EnsureSuccessStatusCode();
        }

        var latencies = new long[(long)viewers * rate * (int)duration.TotalSeconds + 1_000_000];
        long received = 0, duplicates = 0;
        var connections = new HubConnection[viewers + Senders];
        var seen = new HashSet<long>[viewers];
        var connectWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, viewers + Senders), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var token = liveInteract ? await Token(http, $"v{i}", "viewer") : null;
            var connection = new HubConnectionBuilder()
                .WithUrl($"{baseUrl}/hubs/live", o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            if (i < viewers)
            {
                var mine = seen[i] = [];
                connection.On<JsonElement>(HubMethods.Events, batch =>
                {
                    var now = Stopwatch.GetTimestamp();
                    foreach (var e in batch.GetProperty("events").EnumerateArray())
                    {
                        if (e.GetProperty("type").GetString() != "comment") continue;
                        var text = e.GetProperty("text").GetString()!;
                        if (!text.StartsWith("t=", StringComparison.Ordinal)) continue;
                        lock (mine) { if (!mine.Add(e.GetProperty("seq").GetInt64())) { Interlocked.Increment(ref duplicates); continue; } }
                        var sent = long.Parse(text.AsSpan(2), CultureInfo.InvariantCulture);
                        var index = Interlocked.Increment(ref received) - 1;
                        if (index < latencies.Length) latencies[index] = now - sent;
                    }
                });
            }
            await connection.StartAsync(ct);
            await connection.InvokeAsync<JsonElement>(HubMethods.JoinRoom, roomId, null, ct);
            connections[i] = connection;
        });
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        StalledReader? stalled = null;
        if (stalledReader)
        {
            // History of 300-character comments, so each of the stalled reader's JoinRoom(lastSeq: 0) answers is ~80 KB.
            // Sent in both variants of the stalled-reader mode (with and without the reader), so they differ only in it.
            for (var i = 0; i < 200; i++) await connections[viewers].InvokeAsync<JsonElement>(HubMethods.SendComment, roomId, $"history {i} ".PadRight(300, 'x'));
        }
        if (stalledReader && target.EndsWith("+stalled", StringComparison.Ordinal))
            stalled = await StalledReader.JoinAndStall(baseUrl, await Token(http, "stalled", "viewer"), roomId, snapshotRequests: 40);
        await Task.Delay(1000); // let viewer counts settle (and the stalled reader's buffers fill)

        long acknowledged = 0, rejected = 0;
        var interval = TimeSpan.FromSeconds(Senders / (double)rate);
        var run = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            var sender = connections[viewers + s];
            var next = TimeSpan.FromMilliseconds(s * interval.TotalMilliseconds / Senders);
            while (next < duration)
            {
                var wait = next - run.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                try
                {
                    await sender.InvokeAsync<JsonElement>(HubMethods.SendComment, roomId, $"t={Stopwatch.GetTimestamp()}");
                    Interlocked.Increment(ref acknowledged);
                }
                catch (Exception) { Interlocked.Increment(ref rejected); }
                next += interval;
            }
        })));
        var sendSeconds = run.Elapsed.TotalSeconds;
        var expected = acknowledged * viewers;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Interlocked.Read(ref received) < expected && DateTime.UtcNow < deadline) await Task.Delay(50);
        var deliverySeconds = run.Elapsed.TotalSeconds;

        if (stalled is not null) await stalled.DisposeAsync();
        await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        var count = (int)Math.Min(received, latencies.Length);
        var sorted = latencies.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        double Ms(double q) => count == 0 ? double.NaN : sorted[Math.Min(count - 1, (int)(q * count))] * 1000.0 / Stopwatch.Frequency;
        return new FanoutResult(target, viewers, rate, acknowledged, rejected, received, expected - received, duplicates,
            received / deliverySeconds, Ms(0.5), Ms(0.99), Ms(1.0), connectSeconds, sendSeconds);
    }

    private static async Task<string> Token(HttpClient http, string name, string role)
    {
        var response = await http.PostAsJsonAsync("api/auth/token", new { name, role });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}

internal sealed record FanoutResult(
    string Target, int Viewers, int Rate, long Acknowledged, long Rejected, long Delivered, long Lost, long Duplicates,
    double DeliveriesPerSecond, double P50Ms, double P99Ms, double MaxMs, double ConnectSeconds, double SendSeconds)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Target,-13} acked {Acknowledged} rejected {Rejected} delivered {Delivered} lost {Lost} dup {Duplicates} " +
        $"{DeliveriesPerSecond:F0} deliveries/s p50 {P50Ms:F1} ms p99 {P99Ms:F1} ms max {MaxMs:F1} ms (connect {ConnectSeconds:F1} s)");

    public static string MarkdownTable(IReadOnlyList<FanoutResult> results)
    {
        var lines = new List<string>
        {
            "| target | comments acked | deliveries | lost | duplicates | deliveries/s | p50 ms | p99 ms | max ms |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Target} | {r.Acknowledged} | {r.Delivered} | {r.Lost} | {r.Duplicates} | {r.DeliveriesPerSecond:F0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} |")));
        static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
        foreach (var group in results.GroupBy(r => r.Target).Where(g => g.Count() > 1))
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Median of {group.Count()} rounds, {group.Key}: p50 {Median(group.Select(r => r.P50Ms)):F1} ms, p99 {Median(group.Select(r => r.P99Ms)):F1} ms, max {Median(group.Select(r => r.MaxMs)):F1} ms, lost {group.Sum(r => r.Lost)}"));
        var b = results.Where(r => r.Target == "baseline").ToList();
        var l = results.Where(r => r.Target == "liveinteract").ToList();
        if (b.Count > 0 && l.Count > 0)
        {
            lines.Add("");
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Medians over rounds, LiveInteract / baseline: deliveries/s {Median(l.Select(r => r.DeliveriesPerSecond)) / Median(b.Select(r => r.DeliveriesPerSecond)):F2}x, " +
                $"p50 {Median(l.Select(r => r.P50Ms)):F1} / {Median(b.Select(r => r.P50Ms)):F1} ms = {Median(l.Select(r => r.P50Ms)) / Median(b.Select(r => r.P50Ms)):F2}x, " +
                $"p99 {Median(l.Select(r => r.P99Ms)):F1} / {Median(b.Select(r => r.P99Ms)):F1} ms = {Median(l.Select(r => r.P99Ms)) / Median(b.Select(r => r.P99Ms)):F2}x"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
