using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>Reads a client's update stream in the background, as an app would, and keeps everything it saw in order.</summary>
public sealed class UpdateRecorder : IAsyncDisposable
{
    private readonly List<LiveUpdate> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public UpdateRecorder(LiveClient client)
    {
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in client.Updates(_stop.Token))
                    lock (_seen) _seen.Add(update);
            }
            catch (OperationCanceledException) { }
        });
    }

    public IReadOnlyList<LiveUpdate> All
    {
        get { lock (_seen) return [.. _seen]; }
    }

    public IReadOnlyList<RoomEvent> Events(string roomId) =>
        [.. All.OfType<RoomEventUpdate>().Where(u => u.RoomId == roomId).Select(u => u.Event)];

    public IReadOnlyList<string> CommentTexts(string roomId) => [.. Events(roomId).OfType<CommentEvent>().Select(c => c.Text)];

    public async Task Until(Func<UpdateRecorder, bool> condition, string what, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}; saw: {string.Join(" | ", All.TakeLast(15))}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
