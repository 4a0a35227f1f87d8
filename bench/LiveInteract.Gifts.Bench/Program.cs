using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Hosting;
using LiveInteract.Grains.Rooms;
using LiveInteract.Grains.Rooms.Log;
using LiveInteract.Grains.Storage;
using LiveInteract.Gifts.Bench;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

// Usage: dotnet run -c Release --project bench/LiveInteract.Gifts.Bench -- [senders=500] [giftsPerSender=10] [rooms=100]
//        ... -- hot-room [senders=150] [giftsPerSecond=1000] [seconds=10]
//        ... -- tick-bytes
var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0] : "gifts";
var rest = mode == "gifts" ? args : args[1..];
int Arg(int i, int fallback) => rest.Length > i ? int.Parse(rest[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
var database = Path.Combine(Path.GetTempPath(), $"li-gifts-bench-{Guid.NewGuid():N}.db");
var buffered = mode == "tick-bytes" ? Arg(0, 100) : 1000;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddLiveInteractGrains();
builder.Services.Configure<RoomOptions>(o => o.ReplayBufferSize = buffered);
CountingGrainStorage? counting = null;
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    if (mode == "tick-bytes")
    {
        silo.Services.AddSqliteDatabase(database);
        silo.Services.AddSingleton<IRoomEventLog>(sp => new CountingRoomEventLog(new SqliteRoomEventLog(sp.GetSqliteDatabase(database), sp.GetRequiredService<Serializer>())).Register());
        silo.Services.AddGrainStorage(StorageNames.Default, (sp, _) => counting = new CountingGrainStorage(
            new SqliteGrainStorage(sp.GetSqliteDatabase(database), sp.GetRequiredService<Serializer>(), sp.GetRequiredService<ILogger<SqliteGrainStorage>>()),
            sp.GetRequiredService<Serializer>()));
    }
    else
    {
        silo.AddSqliteGrainStorage(StorageNames.Default, database);
    }
    silo.UseInMemoryReminderService();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

try
{
    switch (mode)
    {
        case "hot-room":
            Console.WriteLine("| senders | offered gifts/s | receipted | receipted/s | receipt p50 ms | receipt p99 ms | comments delivered | delivery p50 ms | delivery p99 ms | timed out | wallets spent = creator = board |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
            Console.WriteLine(await new HotRoomBench(grains).Run(Arg(0, 150), Arg(1, 1000), Arg(2, 10)));
            break;
        case "tick-bytes":
            // Warm-up room so the counting storage exists and the first-write costs are paid.
            await new TickBytesBench(grains, Written).Run(16);
            Console.WriteLine("| buffered events | bytes written per tick, 1 comment | bytes per tick, 10 comments |");
            Console.WriteLine("|---:|---:|---:|");
            Console.WriteLine(await new TickBytesBench(grains, Written).Run(buffered));
            break;
        default:
            var senders = Arg(0, 500);
            var perSender = Arg(1, 10);
            var roomCount = Arg(2, 100);
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
            break;
    }
}
finally
{
    await host.StopAsync();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
}

long Written() => (counting?.Bytes ?? 0) + (CountingRoomEventLog.Instance?.Bytes ?? 0);
