using System.Globalization;
using LiveInteract.Cluster.Bench;

// Usage: [viewers] [senders] [round seconds] [rounds] [kills] [silo counts, comma separated]
// Needs the server built in the same configuration (dotnet build -c Release bench/LiveInteract.Cluster.Bench does it).
var viewers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var senders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
var kills = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
int[] counts = args.Length > 5 ? [.. args[5].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [1, 2, 3];

Console.WriteLine($"{viewers} viewers and {senders} senders on one room, spread evenly over the silos; {rounds} rounds of {seconds} s; {kills} kills");
var bench = new ClusterBench(viewers, senders, TimeSpan.FromSeconds(seconds), rounds, kills);
var results = new List<ClusterFigures>();
foreach (var n in counts) results.Add(await bench.Run(n));

var baseline = results[0];
Console.WriteLine();
Console.WriteLine($"| silos | comments/s | deliveries/s | gifts/s | vs {baseline.Silos} silo: comments | deliveries | gifts | recovery after SIGKILL, median s (all) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Silos} | {r.CommentsPerSecond:F0} | {r.DeliveriesPerSecond:F0} | {r.GiftsPerSecond:F0} | {r.CommentsPerSecond / baseline.CommentsPerSecond:F2} | " +
        $"{r.DeliveriesPerSecond / baseline.DeliveriesPerSecond:F2} | {r.GiftsPerSecond / baseline.GiftsPerSecond:F2} | " +
        $"{r.RecoverySeconds:F2} ({string.Join(", ", r.Recoveries.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}) |"));
}
