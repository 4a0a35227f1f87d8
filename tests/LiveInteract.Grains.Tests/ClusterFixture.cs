using LiveInteract.Grains.Gifts;
using LiveInteract.Grains.Hosting;
using LiveInteract.Grains.Rooms;
using LiveInteract.Grains.Rooms.Log;
using LiveInteract.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// An in-process Orleans test cluster whose grains store state in a real SQLite file, with a short batch
/// tick. <see cref="DatabasePath"/> survives silo restarts within the fixture.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"li-grains-{Guid.NewGuid():N}.db");

    /// <summary>The grains' clock: the real one unless a test moves a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Room options on top of the fixture's short tick and small buffers.</summary>
    public Action<RoomOptions>? ConfigureRooms { get; init; }

    /// <summary>Any other silo services or options a test sets (after the fixture's).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The room log can be told to fail (FailingRoomEventLog); registered first, so the SQLite default stands aside.
            silo.Services.AddSingleton<IRoomEventLog>(sp => new FailingRoomEventLog(
                new SqliteRoomEventLog(sp.GetSqliteDatabase(DatabasePath), sp.GetRequiredService<Orleans.Serialization.Serializer>())));
            silo.AddSqliteGrainStorage(StorageNames.Default, DatabasePath);
            silo.Services.AddSingleton(Time);
            silo.Services.AddLiveInteractGrains();
            silo.Services.Configure<RoomOptions>(o =>
            {
                o.BatchInterval = TimeSpan.FromMilliseconds(10);
                o.ReplayBufferSize = 64;
                o.JoinHistory = 10;
                // These tests count every comment they send; sampling under a flood has its own test.
                o.CommentDisplayRate = 0;
                ConfigureRooms?.Invoke(o);
            });
            ConfigureGifts(silo);
            ConfigureServices?.Invoke(silo.Services);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Gifts with short retry periods, and in-memory reminders allowed to tick every second.</summary>
    public static void ConfigureGifts(Orleans.Hosting.ISiloBuilder silo, Action<GiftOptions>? configure = null)
    {
        silo.UseInMemoryReminderService();
        silo.Services.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Services.Configure<GiftOptions>(o =>
        {
            o.DeliveryRetryInterval = TimeSpan.FromMilliseconds(200);
            o.ReminderPeriod = TimeSpan.FromSeconds(2);
            o.BattleScoreInterval = TimeSpan.FromMilliseconds(50);
            o.MinBattleSeconds = 1;
            configure?.Invoke(o);
        });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
