using System.Collections.Frozen;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace LiveInteract.Contracts.Hub;

/// <summary>
/// The serializer settings of the MessagePack hub protocol, the same on the server and in the .NET SDK. They are
/// SignalR's defaults (enums as names, objects as maps keyed by property name, untrusted-data limits) plus one
/// formatter: a <see cref="RoomEvent"/> is the two-element array <c>[type, payload]</c>, where <c>type</c> is the
/// JSON discriminator (<see cref="EventTypes"/>) and <c>payload</c> the concrete event as a map. MessagePack has no
/// notion of the JSON protocol's <c>[JsonPolymorphic]</c>, so without it every event would lose its derived fields.
/// See docs/PROTOCOL.md "MessagePack".
/// </summary>
public static class LiveMessagePack
{
    public static IFormatterResolver Resolver { get; } = CompositeResolver.Create(
        [new RoomEventFormatter()],
        [DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance]);

    public static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithResolver(Resolver).WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Every event type with its wire name; a test checks it against RoomEvent's <c>[JsonDerivedType]</c> list.</summary>
    internal static readonly IReadOnlyList<EventCodec> Codecs =
    [
        new EventCodec<CommentEvent>(EventTypes.Comment),
        new EventCodec<RoomStatusEvent>(EventTypes.RoomStatus),
        new EventCodec<FiltersChangedEvent>(EventTypes.Filters),
        new EventCodec<CommentDeletedEvent>(EventTypes.CommentDeleted),
        new EventCodec<UserMutedEvent>(EventTypes.UserMuted),
        new EventCodec<UserBannedEvent>(EventTypes.UserBanned),
        new EventCodec<UserUnbannedEvent>(EventTypes.UserUnbanned),
        new EventCodec<SlowModeEvent>(EventTypes.SlowMode),
        new EventCodec<ModeratorAddedEvent>(EventTypes.ModeratorAdded),
        new EventCodec<ModeratorRemovedEvent>(EventTypes.ModeratorRemoved),
        new EventCodec<BlockedWordsChangedEvent>(EventTypes.BlockedWords),
        new EventCodec<GiftEvent>(EventTypes.Gift),
        new EventCodec<GiftBoardEvent>(EventTypes.GiftBoard),
        new EventCodec<BattleEvent>(EventTypes.Battle),
        new EventCodec<PollStartedEvent>(EventTypes.PollStarted),
        new EventCodec<PollTallyEvent>(EventTypes.PollTally),
        new EventCodec<PollEndedEvent>(EventTypes.PollEnded),
        new EventCodec<QuestionEvent>(EventTypes.Question),
        new EventCodec<QuestionVotesEvent>(EventTypes.QuestionVotes),
        new EventCodec<PinnedEvent>(EventTypes.Pinned),
        new EventCodec<UnpinnedEvent>(EventTypes.Unpinned),
        new EventCodec<GoalEvent>(EventTypes.Goal),
        new EventCodec<GoalReachedEvent>(EventTypes.GoalReached),
        new EventCodec<GoalClearedEvent>(EventTypes.GoalCleared),
        new EventCodec<EffectEvent>(EventTypes.Effect),
        new EventCodec<GiftEffectsChangedEvent>(EventTypes.GiftEffects),
    ];

    /// <summary>The wire names of the event types this formatter writes (for tests and docs).</summary>
    public static IReadOnlyDictionary<Type, string> WireNames { get; } = Codecs.ToFrozenDictionary(c => c.Type, c => c.Name);

    internal abstract class EventCodec(string name)
    {
        public string Name { get; } = name;
        public abstract Type Type { get; }
        public abstract void Serialize(ref MessagePackWriter writer, RoomEvent value, MessagePackSerializerOptions options);
        public abstract RoomEvent Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options);
    }

    private sealed class EventCodec<T>(string name) : EventCodec(name) where T : RoomEvent
    {
        public override Type Type => typeof(T);

        public override void Serialize(ref MessagePackWriter writer, RoomEvent value, MessagePackSerializerOptions options) =>
            options.Resolver.GetFormatterWithVerify<T>().Serialize(ref writer, (T)value, options);

        public override RoomEvent Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            options.Resolver.GetFormatterWithVerify<T>().Deserialize(ref reader, options)
            ?? throw new MessagePackSerializationException("a room event payload was nil");
    }

    /// <summary>Writes and reads a <see cref="RoomEvent"/> (the declared type of every event list) as <c>[type, payload]</c>.</summary>
    private sealed class RoomEventFormatter : IMessagePackFormatter<RoomEvent?>
    {
        private static readonly FrozenDictionary<Type, EventCodec> ByType = Codecs.ToFrozenDictionary(c => c.Type);
        private static readonly FrozenDictionary<string, EventCodec> ByName = Codecs.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

        public void Serialize(ref MessagePackWriter writer, RoomEvent? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }
            if (!ByType.TryGetValue(value.GetType(), out var codec))
                throw new MessagePackSerializationException($"{value.GetType().Name} has no MessagePack wire name (add it to LiveMessagePack.Codecs)");
            writer.WriteArrayHeader(2);
            writer.Write(codec.Name);
            codec.Serialize(ref writer, value, options);
        }

        public RoomEvent? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil()) return null;
            if (reader.ReadArrayHeader() != 2) throw new MessagePackSerializationException("a room event must be [type, payload]");
            var name = reader.ReadString() ?? throw new MessagePackSerializationException("a room event's type was nil");
            if (!ByName.TryGetValue(name, out var codec)) throw new MessagePackSerializationException($"unknown room event type '{name}'");
            options.Security.DepthStep(ref reader);
            try { return codec.Deserialize(ref reader, options); }
            finally { reader.Depth--; }
        }
    }
}
