using System.Collections.Concurrent;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.LoadTests.Baseline;

/// <summary>
/// The baseline: plain ASP.NET Core SignalR, one in-memory group per room, no Orleans, no persistence, no auth.
/// It speaks LiveInteract's wire shapes (RoomSnapshot, EventBatch, CommentReceipt) so the same clients and the
/// same measurement code run against both. Each comment goes to the group at once with a per-room seq, and a joining
/// viewer gets the room's recent comments as LiveInteract's snapshot gives them (<see cref="JoinHistory"/>).
/// Shared with bench/LiveInteract.Rooms.Bench.
/// </summary>
public static class BaselineServer
{
    /// <summary>The argument that makes a host executable run this server instead of its own work.</summary>
    public const string ServeArgument = "--serve-baseline";

    /// <summary>
    /// Comments a new viewer's snapshot carries: LiveInteract's default <c>Rooms:JoinHistory</c>. A join that returns
    /// recent chat costs both servers (and the clients that read it) the same, so the ratio compares the architectures,
    /// not one join with 50 events against one with none (docs/BENCHMARKS.md "The baseline's joins carry history too").
    /// </summary>
    public const int JoinHistory = 50;

    public static async Task Run(string url, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        // The same protocols as LiveInteract (JSON and MessagePack with the same settings), so ratios compare like for like.
        builder.Services.AddSignalR().AddMessagePackProtocol(o => o.SerializerOptions = LiveMessagePack.Options);
        var app = builder.Build();
        app.MapGet("/healthz", () => "Healthy");
        // The same figures as LiveInteract's /ops/memory (live managed bytes after a full GC), for the same measurement.
        app.MapGet("/ops/memory", () =>
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return new { managedBytes = GC.GetTotalMemory(false), workingSetBytes = Environment.WorkingSet };
        });
        app.MapHub<BaselineHub>("/hubs/live");
        await app.RunAsync(cancellationToken);
    }

    /// <summary>Per-room state: the seq counter, the recent comments, and a gate that keeps seq order equal to send order.</summary>
    private sealed class BaselineRoom
    {
        // Lives as long as the process: the baseline never removes a room.
        public readonly Lock Gate = new();
        public readonly Queue<RoomEvent> Recent = new(JoinHistory + 1);
        public long Seq;
        public long Likes;
        public long Comments;
    }

    public sealed class BaselineHub : Hub
    {
        private static readonly ConcurrentDictionary<string, BaselineRoom> Rooms = new();

        public async Task<RoomSnapshot> JoinRoom(string roomId, long? lastSeq)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
            var room = Rooms.GetOrAdd(roomId, _ => new BaselineRoom());
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // Member first, then history and seq together: a comment pushed meanwhile has seq <= lastSeq and is dropped
            // by the client as already seen, as with LiveInteract's snapshot.
            RoomEvent[] recent;
            long seq;
            lock (room.Gate)
            {
                recent = [.. room.Recent];
                seq = room.Seq;
            }
            return new RoomSnapshot(roomId, roomId, "baseline", "baseline", RoomStatus.Live,
                new RoomCounters(0, Interlocked.Read(ref room.Likes), Interlocked.Read(ref room.Comments)),
                seq, now, now, null, recent, true, []);
        }

        public Task LeaveRoom(string roomId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, roomId);

        public async Task<CommentReceipt> SendComment(string roomId, string text)
        {
            var room = Rooms.GetOrAdd(roomId, _ => new BaselineRoom());
            // Seq order must equal send order; queueing the group send under the lock keeps them equal
            // (SendAsync copies the message to each connection's buffer before it returns its task).
            Task send;
            CommentEvent comment;
            lock (room.Gate)
            {
                var seq = ++room.Seq;
                room.Comments++;
                comment = new CommentEvent($"c{seq}", text)
                {
                    Seq = seq,
                    At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    UserId = Context.ConnectionId,
                    DisplayName = "baseline",
                };
                room.Recent.Enqueue(comment);
                if (room.Recent.Count > JoinHistory) room.Recent.Dequeue();
                send = Clients.Group(roomId).SendAsync(HubMethods.Events, new EventBatch(roomId, [comment], null));
            }
            await send;
            return new CommentReceipt(comment.CommentId, comment.Seq);
        }

        public async Task SendLike(string roomId, int count)
        {
            var room = Rooms.GetOrAdd(roomId, _ => new BaselineRoom());
            var likes = Interlocked.Add(ref room.Likes, count);
            await Clients.Group(roomId).SendAsync(HubMethods.Events, new EventBatch(roomId, [], new RoomCounters(0, likes, Interlocked.Read(ref room.Comments))));
        }
    }
}
