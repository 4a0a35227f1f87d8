using LiveInteract.Grains.Rooms.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace LiveInteract.Grains.Storage;

public static class SqliteStorageExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGrainStorage"/> under <paramref name="name"/>, storing in <paramref name="databasePath"/>,
    /// and (unless one is registered already) the room event log in the same file.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddSqliteDatabase(databasePath);
        silo.Services.AddGrainStorage(name, (sp, _) => new SqliteGrainStorage(
            sp.GetSqliteDatabase(databasePath),
            sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        silo.Services.TryAddSingleton<IRoomEventLog>(sp => new SqliteRoomEventLog(sp.GetSqliteDatabase(databasePath), sp.GetRequiredService<Serializer>()));
        silo.Services.AddSingleton<IStorageCheckpoint>(sp => new SqliteStorageCheckpoint(sp.GetSqliteDatabase(databasePath)));
        return silo;
    }

    /// <summary>One <see cref="SqliteDatabase"/> (one writer) per file, whoever stores in it.</summary>
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services, string databasePath)
    {
        services.TryAddKeyedSingleton(Path.GetFullPath(databasePath), (sp, _) =>
            new SqliteDatabase(databasePath, sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        return services;
    }

    public static SqliteDatabase GetSqliteDatabase(this IServiceProvider services, string databasePath) =>
        services.GetRequiredKeyedService<SqliteDatabase>(Path.GetFullPath(databasePath));
}
