using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// Writes each <see cref="RoomSnapshot"/> instance to the hub's JSON protocol once and copies those bytes into every
/// reply that carries the same instance. New viewers whose joins went to the room in one call share one snapshot
/// (<see cref="Relays.RoomJoinBatcher"/>), so during a ramp its ~50 events are serialized once per room call instead of
/// once per viewer. The bytes are the ones the protocol's own serializer would write (same options, this converter
/// left out); they live as long as the snapshot does (a weak table: nothing here grows with the room or the ramp).
/// MessagePack viewers are serialized per reply as before.
/// </summary>
public sealed class SharedSnapshotJsonConverter : JsonConverter<RoomSnapshot>
{
    private readonly ConditionalWeakTable<RoomSnapshot, byte[]> _written = new();
    private JsonSerializerOptions? _inner;

    public override RoomSnapshot? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<RoomSnapshot>(ref reader, Inner(options));

    public override void Write(Utf8JsonWriter writer, RoomSnapshot value, JsonSerializerOptions options)
    {
        var bytes = _written.GetValue(value, snapshot => JsonSerializer.SerializeToUtf8Bytes(snapshot, Inner(options)));
        writer.WriteRawValue(bytes, skipInputValidation: true);
    }

    /// <summary>The protocol's options without this converter (one hub protocol, so one set of options).</summary>
    private JsonSerializerOptions Inner(JsonSerializerOptions options)
    {
        var inner = Volatile.Read(ref _inner);
        if (inner is not null) return inner;
        inner = new JsonSerializerOptions(options);
        inner.Converters.Remove(this);
        inner.MakeReadOnly(populateMissingResolver: true);
        return Interlocked.CompareExchange(ref _inner, inner, null) ?? inner;
    }
}
