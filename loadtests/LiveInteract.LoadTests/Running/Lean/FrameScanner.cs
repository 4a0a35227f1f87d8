using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using MessagePack;

namespace LiveInteract.LoadTests.Running.Lean;

internal enum ScannedKind { Other, Events, JoinCompleted, Lagged, Close }

/// <summary>
/// What a lean viewer needs from one hub message; comments and gifts went to the viewer while scanning.
/// <paramref name="LastSeq"/>: for <see cref="ScannedKind.Lagged"/>, the seq to rejoin after.
/// </summary>
internal readonly record struct ScannedMessage(ScannedKind Kind, long? Likes, string? Error, long LastSeq = 0);

/// <summary>
/// Reads one SignalR message without materialising it: only the message type, the target, and in an <c>Events</c>
/// batch each event's type and a comment's text (the latency stamp), plus the like counter; in the JoinRoom completion
/// the snapshot's like counter or the error. Everything else is skipped by the readers (Utf8JsonReader,
/// MessagePackReader) without allocating. Wire shapes: docs/PROTOCOL.md (JSON camelCase; MessagePack maps keyed by
/// property name, a room event as <c>[type, payload]</c>).
/// </summary>
internal static class FrameScanner
{
    private const int Invocation = 1, Completion = 3, Close = 7;

    /// <summary>The target of a room's event pushes, as the UTF-8 bytes both protocols carry.</summary>
    private static readonly byte[] EventsTarget = System.Text.Encoding.UTF8.GetBytes(HubMethods.Events);

    /// <summary>The server's notice that it stopped sending to this viewer (over its outbound budget): <c>Lagged(roomId, lastSeq)</c>.</summary>
    private static readonly byte[] LaggedTarget = System.Text.Encoding.UTF8.GetBytes(HubMethods.Lagged);

    /// <summary>The key of an <see cref="EventBatch"/>'s events in a MessagePack map (keyed by property name).</summary>
    private static readonly byte[] BatchEventsKey = System.Text.Encoding.UTF8.GetBytes(nameof(EventBatch.Events));

    public static ScannedMessage ScanJson(ReadOnlySpan<byte> message, LeanViewer viewer)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("a JSON hub message must be an object");
        int type = 0;
        bool events = false, join = false, lagged = false;
        long? likes = null;
        long lastSeq = 0;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                events = reader.ValueTextEquals(EventsTarget);
                lagged = reader.ValueTextEquals(LaggedTarget);
            }
            else if (reader.ValueTextEquals("invocationId"u8)) { reader.Read(); join = reader.ValueTextEquals(LeanViewer.JoinInvocationId); }
            else if (reader.ValueTextEquals("arguments"u8) && events)
            {
                reader.Read(); // [
                reader.Read(); // the batch
                likes = JsonBatch(ref reader, viewer);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();
            }
            else if (reader.ValueTextEquals("arguments"u8) && lagged)
            {
                reader.Read(); // [
                reader.Read(); // roomId
                reader.Read();
                lastSeq = reader.GetInt64();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();
            }
            else if (reader.ValueTextEquals("result"u8) && type == Completion)
            {
                reader.Read();
                likes = JsonSnapshot(ref reader, viewer);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return type switch
        {
            Invocation when events => new(ScannedKind.Events, likes, null),
            Invocation when lagged => new(ScannedKind.Lagged, null, null, lastSeq),
            Completion when join => new(ScannedKind.JoinCompleted, likes, error),
            Close => new(ScannedKind.Close, null, error),
            _ => default,
        };
    }

    /// <summary>Reads an EventBatch object (reader on its StartObject); returns its like counter, if it carries counters.</summary>
    private static long? JsonBatch(ref Utf8JsonReader reader, LeanViewer viewer)
    {
        long? likes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                JsonEvents(ref reader, viewer);
            }
            else if (reader.ValueTextEquals("counters"u8))
            {
                reader.Read();
                likes = JsonLikes(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return likes;
    }

    /// <summary>An array of room events (reader on its StartArray), each handed to the viewer.</summary>
    private static void JsonEvents(ref Utf8JsonReader reader, LeanViewer viewer)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) JsonEvent(ref reader, viewer);
    }

    private static void JsonEvent(ref Utf8JsonReader reader, LeanViewer viewer)
    {
        bool comment = false, gift = false;
        ReadOnlySpan<byte> text = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                comment = reader.ValueTextEquals("comment"u8);
                gift = reader.ValueTextEquals("gift"u8);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                // A generator comment is ASCII ("lt:<n>:<ticks>") and never escaped; any other text is not ours.
                if (!reader.ValueIsEscaped) text = reader.ValueSpan;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (comment) viewer.OnComment(text);
        else if (gift) viewer.OnGift();
    }

    /// <summary>
    /// The snapshot's counters.likes (reader on the snapshot's StartObject); on a rejoin also its events, the gap the
    /// viewer missed while lagged (a first join's history was sent before the viewer joined and is not counted).
    /// </summary>
    private static long? JsonSnapshot(ref Utf8JsonReader reader, LeanViewer viewer)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        long? likes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var counters = reader.ValueTextEquals("counters"u8);
            var events = viewer.Rejoining && reader.ValueTextEquals("events"u8);
            reader.Read();
            if (counters) likes = JsonLikes(ref reader);
            else if (events) JsonEvents(ref reader, viewer);
            else reader.Skip();
        }
        return likes;
    }

    /// <summary>A RoomCounters object's likes (reader on its StartObject, or on null).</summary>
    private static long? JsonLikes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        long? likes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLikes = reader.ValueTextEquals("likes"u8);
            reader.Read();
            if (isLikes) likes = reader.GetInt64();
            else reader.Skip();
        }
        return likes;
    }

    public static ScannedMessage ScanMessagePack(ReadOnlyMemory<byte> message, LeanViewer viewer)
    {
        var reader = new MessagePackReader(message);
        var fields = reader.ReadArrayHeader();
        var type = reader.ReadInt32();
        switch (type)
        {
            case Invocation:
            {
                reader.Skip(); // headers
                reader.Skip(); // invocation id (nil: the server expects no answer)
                if (!reader.TryReadStringSpan(out var target)) return default;
                if (target.SequenceEqual(LaggedTarget))
                {
                    if (reader.ReadArrayHeader() < 2) return default;
                    reader.Skip(); // roomId
                    return new(ScannedKind.Lagged, null, null, reader.ReadInt64());
                }
                if (!target.SequenceEqual(EventsTarget) || reader.ReadArrayHeader() < 1) return default;
                return new(ScannedKind.Events, MessagePackBatch(ref reader, viewer), null);
            }
            case Completion:
            {
                reader.Skip(); // headers
                var join = reader.TryReadStringSpan(out var id) && id.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(LeanViewer.JoinInvocationId));
                if (!join) return default;
                var kind = reader.ReadInt32(); // 1 error, 2 void, 3 result
                if (kind == 1) return new(ScannedKind.JoinCompleted, null, reader.ReadString());
                return new(ScannedKind.JoinCompleted, kind == 3 ? MessagePackSnapshot(ref reader, viewer) : null, null);
            }
            case Close:
                return new(ScannedKind.Close, null, fields > 1 ? reader.ReadString() : null);
            default:
                return default;
        }
    }

    private static long? MessagePackBatch(ref MessagePackReader reader, LeanViewer viewer)
    {
        long? likes = null;
        var keys = reader.ReadMapHeader();
        for (var k = 0; k < keys; k++)
        {
            var key = KeyOf(ref reader);
            if (key.SequenceEqual(BatchEventsKey)) MessagePackEvents(ref reader, viewer);
            else if (key.SequenceEqual("Counters"u8)) likes = MessagePackLikes(ref reader);
            else reader.Skip();
        }
        return likes;
    }

    /// <summary>An array of room events, each handed to the viewer.</summary>
    private static void MessagePackEvents(ref MessagePackReader reader, LeanViewer viewer)
    {
        var count = reader.ReadArrayHeader();
        for (var e = 0; e < count; e++) MessagePackEvent(ref reader, viewer);
    }

    private static void MessagePackEvent(ref MessagePackReader reader, LeanViewer viewer)
    {
        if (reader.ReadArrayHeader() != 2) throw new FormatException("a room event must be [type, payload]");
        var type = KeyOf(ref reader);
        var comment = type.SequenceEqual("comment"u8);
        if (type.SequenceEqual("gift"u8)) viewer.OnGift();
        if (!comment)
        {
            reader.Skip();
            return;
        }
        ReadOnlySpan<byte> text = default;
        var keys = reader.ReadMapHeader();
        for (var k = 0; k < keys; k++)
        {
            if (KeyOf(ref reader).SequenceEqual("Text"u8) && reader.TryReadStringSpan(out var value)) text = value;
            else reader.Skip();
        }
        viewer.OnComment(text);
    }

    /// <summary>As <see cref="JsonSnapshot"/>: the snapshot's like counter, and on a rejoin the events it replays.</summary>
    private static long? MessagePackSnapshot(ref MessagePackReader reader, LeanViewer viewer)
    {
        if (reader.TryReadNil()) return null;
        long? likes = null;
        var keys = reader.ReadMapHeader();
        for (var k = 0; k < keys; k++)
        {
            var key = KeyOf(ref reader);
            if (key.SequenceEqual("Counters"u8)) likes = MessagePackLikes(ref reader);
            else if (viewer.Rejoining && key.SequenceEqual(BatchEventsKey)) MessagePackEvents(ref reader, viewer);
            else reader.Skip();
        }
        return likes;
    }

    private static long? MessagePackLikes(ref MessagePackReader reader)
    {
        if (reader.TryReadNil()) return null;
        long? likes = null;
        var keys = reader.ReadMapHeader();
        for (var k = 0; k < keys; k++)
        {
            if (KeyOf(ref reader).SequenceEqual("Likes"u8)) likes = reader.ReadInt64();
            else reader.Skip();
        }
        return likes;
    }

    private static ReadOnlySpan<byte> KeyOf(ref MessagePackReader reader) =>
        reader.TryReadStringSpan(out var key) ? key : throw new FormatException("expected a string key");
}
