using System.Text.Json;
using System.Text.Json.Serialization;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Cli.Output;

/// <summary>The shapes <c>--json</c> prints (source-generated, camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<RoomListing>))]
[JsonSerializable(typeof(CommentReceipt))]
[JsonSerializable(typeof(GiftReceipt))]
[JsonSerializable(typeof(WalletView))]
[JsonSerializable(typeof(LiveInteract.Contracts.Auth.AuthToken))]
[JsonSerializable(typeof(FeedLine))]
[JsonSerializable(typeof(HostLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>One line of <c>watch --json</c>: <see cref="Kind"/> says which fields are set.</summary>
internal sealed record FeedLine(string Kind, string RoomId)
{
    public RoomEvent? Event { get; init; }
    public RoomCounters? Counters { get; init; }
    public int? Viewers { get; init; }
    public string? Title { get; init; }
    public RoomStatus? Status { get; init; }
    public long? LastSeq { get; init; }
    public long? FromSeq { get; init; }
    public long? ToSeq { get; init; }
    public string? State { get; init; }
    public string? Message { get; init; }
}

/// <summary>One line of <c>host --json</c>.</summary>
internal sealed record HostLine(string Kind, string RoomId)
{
    public string? Title { get; init; }
    public long? Frames { get; init; }
    public long? Bytes { get; init; }
    public double? Seconds { get; init; }
    public string? Message { get; init; }
}
