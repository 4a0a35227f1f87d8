using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// The room event log in the Local profile: table <c>room_events</c> in the same SQLite file as the grain state, one
/// row per event (Orleans-serialized), primary key (room, seq). An append is one transaction: upsert the new rows,
/// delete the rows retention gave up.
/// </summary>
public sealed class SqliteRoomEventLog : IRoomEventLog
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;

    public SqliteRoomEventLog(string databasePath, Serializer serializer)
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
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS room_events (
                room_id TEXT NOT NULL,
                seq     INTEGER NOT NULL,
                data    BLOB NOT NULL,
                PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
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

    public async Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq)
    {
        long bytes = 0;
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        if (events.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO room_events (room_id, seq, data) VALUES ($room, $seq, $data)";
            var room = insert.Parameters.Add("$room", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var data = insert.Parameters.Add("$data", SqliteType.Blob);
            room.Value = roomId;
            foreach (var e in events)
            {
                var payload = _serializer.SerializeToArray<RoomEvent>(e);
                bytes += payload.Length;
                seq.Value = e.Seq;
                data.Value = payload;
                await insert.ExecuteNonQueryAsync();
            }
        }
        if (dropUpToSeq > 0)
        {
            await using var trim = connection.CreateCommand();
            trim.Transaction = transaction;
            trim.CommandText = "DELETE FROM room_events WHERE room_id = $room AND seq <= $drop";
            trim.Parameters.AddWithValue("$room", roomId);
            trim.Parameters.AddWithValue("$drop", dropUpToSeq);
            await trim.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return bytes;
    }

    public async Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max)
    {
        if (upToSeq <= afterSeq || max <= 0) return [];
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM room_events WHERE room_id = $room AND seq > $after AND seq <= $upTo ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$upTo", upToSeq);
        command.Parameters.AddWithValue("$max", max);
        return await ReadAll(command);
    }

    public async Task<IReadOnlyList<RoomEvent>> ReadLatest(string roomId, int count)
    {
        if (count <= 0) return [];
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM (SELECT seq, data FROM room_events WHERE room_id = $room ORDER BY seq DESC LIMIT $count) ORDER BY seq";
        command.Parameters.AddWithValue("$room", roomId);
        command.Parameters.AddWithValue("$count", count);
        return await ReadAll(command);
    }

    private async Task<IReadOnlyList<RoomEvent>> ReadAll(SqliteCommand command)
    {
        var events = new List<RoomEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add(_serializer.Deserialize<RoomEvent>((byte[])reader.GetValue(0))!);
        return events;
    }
}
