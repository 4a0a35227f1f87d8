using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Tests;

/// <summary>
/// A viewer that comments and sends gifts the way a client app must: each gift gets one idempotency key and is sent
/// again with that same key until a receipt comes back; when its silo dies it reconnects to another live silo at
/// once and rejoins with its lastSeq. Records what was acknowledged and how long each reconnect took.
/// </summary>
public sealed class GiftingViewer(ClusterUser user, string roomId, Func<SiloProcess> nextLiveSilo) : IAsyncDisposable
{
    private static readonly string[] Gifts = ["rose", "heart", "donut"];
    private readonly object _gate = new();
    private readonly List<double> _reconnectMs = [];
    private readonly List<string> _refusals = [];
    private HubConnection? _connected;
    private long _lostAt; // Stopwatch timestamp of the last lost connection, 0 while connected
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Mean pause between two actions (comment, gift, comment, ...).</summary>
    public int PaceMs { get; init; } = 6000;
    public ClusterViewer Viewer { get; } = new(user);
    public ClusterUser User => user;
    public List<GiftReceipt> Receipts { get; } = [];
    public int CommentsAcknowledged { get; private set; }
    public IReadOnlyList<double> ReconnectMs { get { lock (_gate) return [.. _reconnectMs]; } }
    public IReadOnlyList<string> Refusals { get { lock (_gate) return [.. _refusals]; } }

    public async Task Join(SiloProcess silo)
    {
        await Viewer.Join(silo.BaseAddress, roomId);
        Watch(Viewer.Hub);
    }

    /// <summary>Comments and gifts at a random pace until <paramref name="stop"/>; a gift in flight is finished first.</summary>
    public async Task Run(int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            // Sleep, but wake at once when the connection drops: client apps reconnect immediately.
            await Task.WhenAny(Task.Delay(random.Next(PaceMs / 2, PaceMs * 3 / 2), CancellationToken.None), _lost.Task);
            if (stop.IsCancellationRequested) break;
            if (n % 2 == 1) await Comment($"comment {n} from {user.UserId}");
            else
            {
                await Gift(Gifts[random.Next(Gifts.Length)], random.Next(1, 4), $"{user.UserId}-gift-{n}");
            }
        }
    }

    private async Task Comment(string text)
    {
        try
        {
            await EnsureConnected();
            await Viewer.Hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, text);
            CommentsAcknowledged++;
        }
        catch (Exception ex)
        {
            // A comment is not money: a lost one is not retried (the recovery test counts gifts and seqs).
            Refuse(ex);
        }
    }

    private async Task Gift(string giftId, int count, string idempotencyKey) =>
        // Money is retried (same idempotency key) until the cluster takes it, as a client app does.
        await Eventually.Succeeds(async () =>
        {
            try
            {
                await EnsureConnected();
                Receipts.Add(await Viewer.Hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, roomId, giftId, count, idempotencyKey));
            }
            catch (Exception ex)
            {
                Refuse(ex);
                throw;
            }
        }, $"gift {idempotencyKey} to be taken", TimeSpan.FromSeconds(90));

    private void Refuse(Exception ex)
    {
        lock (_gate) _refusals.Add(ex is HubException ? ex.Message : ex.GetType().Name);
    }

    private async Task EnsureConnected()
    {
        if (Viewer.Hub.State == HubConnectionState.Connected && Interlocked.Read(ref _lostAt) == 0) return;
        var lostAt = Interlocked.Read(ref _lostAt);
        if (lostAt == 0) lostAt = Stopwatch.GetTimestamp();
        // A silo is picked per attempt: the connection can drop before the test's own handle sees the process exit.
        await Viewer.Join(() => nextLiveSilo().BaseAddress, roomId);
        Watch(Viewer.Hub);
        lock (_gate) _reconnectMs.Add(Stopwatch.GetElapsedTime(lostAt).TotalMilliseconds);
    }

    private void Watch(HubConnection hub)
    {
        Interlocked.Exchange(ref _lostAt, 0);
        _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connected = hub;
        hub.Closed += _ =>
        {
            if (ReferenceEquals(hub, _connected))
            {
                Interlocked.CompareExchange(ref _lostAt, Stopwatch.GetTimestamp(), 0);
                _lost.TrySetResult();
            }
            return Task.CompletedTask;
        };
    }

    public ValueTask DisposeAsync()
    {
        _connected = null;
        return Viewer.DisposeAsync();
    }
}
