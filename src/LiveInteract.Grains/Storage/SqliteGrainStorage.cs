using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// Orleans grain storage in an embedded SQLite file: one row per grain, state serialized with the Orleans
/// serializer (version tolerant through [Id]s), an integer ETag bumped on every write. A write whose
/// ETag is stale (another activation wrote first) throws <see cref="InconsistentStateException"/>. Writes are
/// group-committed by <see cref="SqliteDatabase"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteDatabase _database;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(SqliteDatabase database, Serializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _database = database;
        _serializer = serializer;
        _logger = logger;
        database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       INTEGER NOT NULL,
                data       BLOB NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = _database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var etag = reader.GetInt64(0);
        var data = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(data);
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.SerializeToArray(grainState.State);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = grainId.ToString();
        long? expected = grainState.ETag is null ? null : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var newEtag = (expected ?? 0) + 1;
        var rows = await _database.Write(transaction =>
        {
            using var command = transaction.Command(expected is null
                ? "INSERT INTO grain_state (state_name, grain_id, etag, data, updated_at) VALUES ($name, $id, 1, $data, $now) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET etag = $new, data = $data, updated_at = $now WHERE state_name = $name AND grain_id = $id AND etag = $expected");
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$data", data);
            command.Parameters.AddWithValue("$now", now);
            if (expected is not null)
            {
                command.Parameters.AddWithValue("$expected", expected.Value);
                command.Parameters.AddWithValue("$new", newEtag);
            }
            return command.ExecuteNonQuery();
        });
        if (rows != 1)
        {
            _logger.LogWarning("Stale ETag writing {StateName} for {GrainId}", stateName, grainId);
            throw new InconsistentStateException($"State {stateName} of {grainId} was written by another activation", storedEtag: "unknown", currentEtag: grainState.ETag ?? "none");
        }
        grainState.ETag = newEtag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = grainId.ToString();
        await _database.Write(transaction =>
        {
            using var command = transaction.Command("DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id");
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery();
        });
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
