using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Testing;

/// <summary>
/// Records what one real SignalR client receives: the events of every <c>Events</c> batch as delivered (duplicates
/// kept), viewer counts and room-ended. Attach before joining so nothing is missed.
/// </summary>
public sealed class HubRecorder : Recorder<RoomEvent>
{
    private readonly Recorder<int> _viewerCounts = new();
    private volatile bool _ended;

    public HubRecorder(HubConnection connection)
    {
        connection.On<EventBatch>(HubMethods.Events, batch => AddRange(batch.Events));
        connection.On<string, int>(HubMethods.ViewerCount, (_, count) => _viewerCounts.Add(count));
        connection.On<string>(HubMethods.RoomEnded, _ => _ended = true);
    }

    public IReadOnlyList<RoomEvent> Events => All;
    public IReadOnlyList<int> ViewerCounts => _viewerCounts.All;
    public bool Ended => _ended;
    public IReadOnlyList<CommentEvent> Comments => [.. All.OfType<CommentEvent>()];
    public long HighestSeq => All.Select(e => e.Seq).DefaultIfEmpty(0).Max();

    /// <summary>Waits until an event with sequence number <paramref name="seq"/> or later arrived.</summary>
    public Task UntilSeq(long seq, TimeSpan? timeout = null) =>
        Until(events => events.Any(e => e.Seq >= seq), $"an event with seq >= {seq}", timeout);

    /// <summary>Waits until a comment with this text arrived: the marker a "nothing else arrives" test sends last.</summary>
    public Task<CommentEvent> UntilComment(string text, TimeSpan? timeout = null) =>
        UntilA<CommentEvent>(c => c.Text == text, $"the comment \"{text}\"", timeout);

    /// <summary>Waits until a viewer count matching <paramref name="match"/> arrived.</summary>
    public Task UntilViewerCount(Func<int, bool> match, string what, TimeSpan? timeout = null) =>
        _viewerCounts.Until(counts => counts.Any(match), what, timeout);
}
