using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// Orleans grain storage in an embedded SQLite file: one row per grain, state serialized with the Orleans
/// serializer (version tolerant through [Id]s), an integer ETag bumped on every write. A write whose
/// ETag is stale (another activation wrote first) throws <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(string databasePath, Serializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _serializer = serializer;
        _logger = logger;
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets reads run beside the writer; NORMAL sync is durable across process crashes.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       INTEGER NOT NULL,
                data       BLOB NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            """;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = Open();
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
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$now", now);
        long newEtag;
        if (grainState.ETag is null)
        {
            newEtag = 1;
            command.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, data, updated_at) VALUES ($name, $id, 1, $data, $now) ON CONFLICT DO NOTHING";
        }
        else
        {
            var expected = long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            newEtag = expected + 1;
            command.CommandText = "UPDATE grain_state SET etag = $new, data = $data, updated_at = $now WHERE state_name = $name AND grain_id = $id AND etag = $expected";
            command.Parameters.AddWithValue("$expected", expected);
            command.Parameters.AddWithValue("$new", newEtag);
        }
        var rows = await command.ExecuteNonQueryAsync();
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
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
