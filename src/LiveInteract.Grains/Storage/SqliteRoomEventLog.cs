using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// The room event log in the Local profile: table <c>room_events</c> in the same SQLite file as the grain state, one
/// row per event (Orleans-serialized), primary key (room, seq). An append is one write of the database's group
/// commit: upsert the new rows, delete the rows retention gave up.
/// </summary>
public sealed class SqliteRoomEventLog : IRoomEventLog
{
    private readonly SqliteDatabase _database;
    private readonly Serializer _serializer;

    public SqliteRoomEventLog(SqliteDatabase database, Serializer serializer)
    {
        _database = database;
        _serializer = serializer;
        database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS room_events (
                room_id TEXT NOT NULL,
                seq     INTEGER NOT NULL,
                data    BLOB NOT NULL,
                PRIMARY KEY (room_id, seq)) WITHOUT ROWID;
            """);
    }

    public Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq)
    {
        // Serialized here, on the caller's thread, so the writer's transaction only does I/O.
        long bytes = 0;
        var rows = new (long Seq, byte[] Data)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var payload = _serializer.SerializeToArray<RoomEvent>(events[i]);
            bytes += payload.Length;
            rows[i] = (events[i].Seq, payload);
        }
        return _database.Write(transaction =>
        {
            if (rows.Length > 0)
            {
                using var insert = transaction.Command("INSERT OR REPLACE INTO room_events (room_id, seq, data) VALUES ($room, $seq, $data)");
                insert.Parameters.Add("$room", SqliteType.Text).Value = roomId;
                var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
                var data = insert.Parameters.Add("$data", SqliteType.Blob);
                foreach (var row in rows)
                {
                    seq.Value = row.Seq;
                    data.Value = row.Data;
                    insert.ExecuteNonQuery();
                }
            }
            if (dropUpToSeq > 0)
            {
                using var trim = transaction.Command("DELETE FROM room_events WHERE room_id = $room AND seq <= $drop");
                trim.Parameters.AddWithValue("$room", roomId);
                trim.Parameters.AddWithValue("$drop", dropUpToSeq);
                trim.ExecuteNonQuery();
            }
            return bytes;
        });
    }

    public async Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max)
    {
        if (upToSeq <= afterSeq || max <= 0) return [];
        await using var connection = _database.OpenRead();
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
        await using var connection = _database.OpenRead();
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
