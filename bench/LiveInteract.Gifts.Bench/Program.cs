using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Rooms;
using LiveInteract.Grains.Storage;
using LiveInteract.Gifts.Bench;

// Usage: dotnet run -c Release --project bench/LiveInteract.Gifts.Bench -- [senders=500] [giftsPerSender=10] [rooms=100]
var senders = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
var perSender = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var roomCount = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100;
var database = Path.Combine(Path.GetTempPath(), $"li-gifts-bench-{Guid.NewGuid():N}.db");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<RoomOptions>();
builder.Services.AddGifts();
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddSqliteGrainStorage(StorageNames.Default, database);
    silo.UseInMemoryReminderService();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

try
{
    var run = new GiftBench(grains, senders, perSender);
    var baseline = await run.TopUps("baseline: top-ups (1 wallet write each)");
    var oneRoom = await run.Gifts("gifts into 1 room", rooms: 1);
    var manyRooms = await run.Gifts($"gifts into {roomCount} rooms", rooms: roomCount);

    Console.WriteLine($"senders={senders}, gifts per sender={perSender}, SQLite grain storage, one co-hosted silo");
    Console.WriteLine();
    Console.WriteLine("| run | calls | calls/s | p50 ms | p99 ms | calls/s vs baseline | ledger balanced |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
    foreach (var r in new[] { baseline, oneRoom, manyRooms })
        Console.WriteLine($"| {r.Name} | {r.Calls} | {r.PerSecond:F0} | {r.P50:F1} | {r.P99:F1} | {r.PerSecond / baseline.PerSecond:F2} | {r.Balanced} |");
}
finally
{
    await host.StopAsync();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
}
