using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// One live's analytics (key = room id), kept apart from the room so the room never carries them: the room sends it
/// each stored batch (one call per tick, not per event) and each silo's relay registry its viewers' joins and leaves
/// (one call per report interval when something changed). See docs/INSIGHTS.md.
/// </summary>
[Alias("li.IRoomInsightsGrain")]
public interface IRoomInsightsGrain : IGrainWithStringKey
{
    /// <summary>A batch the room stored and published; gaps in seq are filled from the room log.</summary>
    [Alias("Record"), OneWay] Task Record(RoomInsightsBatch batch);

    /// <summary>
    /// Users whose first connection on <paramref name="siloId"/> joined, and whose last one left, since the last report.
    /// <paramref name="full"/>: <paramref name="joined"/> is everyone present on that silo (sent periodically, so the figures heal
    /// after a lost report or a restart of this grain).
    /// </summary>
    [Alias("ReportPresence"), OneWay] Task ReportPresence(string siloId, IReadOnlyList<string> joined, IReadOnlyList<string> left, bool full);

    /// <summary>The figures so far (or final, after the live ended). Not found when the room never reported.</summary>
    [Alias("Get")] Task<RoomInsights> Get();

    /// <summary>A wallet that qualifies as a gift-ring member of this room (once per account).</summary>
    [Alias("ReportGiftRingMember"), OneWay] Task ReportGiftRingMember(GiftRingMember member);

    [Alias("ExportUser"), ReadOnly] Task<LivePrivacyData> ExportUser(string userId);

    /// <summary>Moves the user's viewer and gifter records to <paramref name="pseudonym"/> (names removed); the figures stay.</summary>
    [Alias("EraseUser")] Task<LivePrivacyData> EraseUser(string userId, string pseudonym);
}

/// <summary>What the room tells its insights per stored batch: who and what the room is, the new events, the counters.</summary>
[GenerateSerializer, Immutable, Alias("li.RoomInsightsBatch")]
public sealed record RoomInsightsBatch(
    [property: Id(0)] string CreatorId,
    [property: Id(1)] string CreatorName,
    [property: Id(2)] string Title,
    [property: Id(3)] RoomStatus Status,
    [property: Id(4)] long? StartedAt,
    [property: Id(5)] long? EndedAt,
    [property: Id(6)] IReadOnlyList<RoomEvent> Events,
    [property: Id(7)] RoomCounters Counters);

/// <summary>A young account that has given <see cref="Coins"/>, all to one room (the gift-ring signal, docs/INSIGHTS.md).</summary>
[GenerateSerializer, Immutable, Alias("li.GiftRingMember")]
public sealed record GiftRingMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] string RoomId,
    [property: Id(2)] string CreatorId,
    [property: Id(3)] long Coins,
    [property: Id(4)] long FirstAt,
    [property: Id(5)] long At);
