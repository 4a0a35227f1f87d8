using System.Text.Json;
using System.Text.Json.Serialization;
using LiveInteract.Contracts.Auth;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Rest;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Json;

/// <summary>
/// Source-generated JSON metadata for everything the client sends or reads, over REST and over SignalR's
/// JSON protocol, so no reflection-based serialization runs (trimming and Native AOT safe). Web defaults:
/// camelCase, case-insensitive reads, as the server writes. Out-of-order <c>type</c> discriminators are
/// accepted, so a server or proxy that reorders properties does not break event parsing.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(AuthToken))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(TopUpRequest))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(RoomSnapshot))]
[JsonSerializable(typeof(List<RoomListing>))]
[JsonSerializable(typeof(CommentReceipt))]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(RoomEvent))]
[JsonSerializable(typeof(FilterSpec[]))]
[JsonSerializable(typeof(List<FilterSpec>))]
[JsonSerializable(typeof(GiftReceipt))]
[JsonSerializable(typeof(List<Gift>))]
[JsonSerializable(typeof(WalletView))]
[JsonSerializable(typeof(LedgerPage))]
[JsonSerializable(typeof(CreatorEarnings))]
[JsonSerializable(typeof(BattleInviteRequest))]
[JsonSerializable(typeof(BattleEvent))]
[JsonSerializable(typeof(ModerationPage))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
