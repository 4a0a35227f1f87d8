using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Which room calls interleave. Callers that wait for a group-commit write (comments, gifts) interleave, so many of
/// them share one write and none waits behind another's. Reads and the relays' silo reports interleave, so joins and
/// likes never queue behind a write. Their bodies change state only in synchronous sections, which the grain's
/// single-threaded scheduler runs whole; a write captures what it stores in one such section.
/// Everything else (create, start, end, moderation, battles) runs one at a time, as before.
/// </summary>
[MayInterleave(nameof(MayInterleave))]
public sealed partial class RoomGrain
{
    private static readonly HashSet<string> InterleavingMethods = new(StringComparer.Ordinal)
    {
        "SendComment", "ApplyGift", "ReportSilo", "GetSnapshot", "GetEvents", "EnsureCanJoin", "Join", "JoinViewers", "EnsureCanInteract",
        "GetGiftTarget", "GetBattleScore", "Subscribe", "ReportMedia",
        // Interactive LIVE: synchronous bodies (votes and upvotes only change memory; their events go with the tick).
        "Vote", "UpvoteQuestion", "AskQuestion", "GetQuestions", "GetHeldComments",
    };

    public static bool MayInterleave(IInvokable request) => InterleavingMethods.Contains(request.GetMethodName());
}
