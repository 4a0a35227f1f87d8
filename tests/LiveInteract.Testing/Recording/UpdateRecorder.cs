using LiveInteract.Client;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Testing;

/// <summary>Reads an SDK client's update stream in the background, as an app would, and keeps everything it saw in order.</summary>
public sealed class UpdateRecorder : Recorder<LiveUpdate>, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public UpdateRecorder(LiveClient client)
    {
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in client.Updates(_stop.Token)) Add(update);
            }
            catch (OperationCanceledException) { }
        });
    }

    public IReadOnlyList<RoomEvent> Events(string roomId) =>
        [.. All.OfType<RoomEventUpdate>().Where(u => u.RoomId == roomId).Select(u => u.Event)];

    public IReadOnlyList<string> CommentTexts(string roomId) => [.. Events(roomId).OfType<CommentEvent>().Select(c => c.Text)];

    /// <summary>Waits until <paramref name="condition"/> holds for this recorder.</summary>
    public Task Until(Func<UpdateRecorder, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.Until(() => condition(this), what, timeout ?? TimeSpan.FromSeconds(30), Describe);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
