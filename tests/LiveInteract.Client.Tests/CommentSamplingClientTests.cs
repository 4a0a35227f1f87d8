using LiveInteract.Client.Auth;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>
/// A comment flood above the room's display rate through a real server and the SDK: the senders get "sampled"
/// receipts, a viewer gets the shown comments, one <see cref="CommentsSampledUpdate"/> count per batch for the rest,
/// and counters that count them all.
/// </summary>
public sealed class CommentSamplingClientTests
{
    [Fact]
    public async Task A_viewer_sees_the_shown_comments_and_how_many_were_not_shown()
    {
        const int flood = 40;
        var settings = LiveServer.Unthrottled();
        settings["Rooms:CommentDisplayRate"] = "4";
        await using var server = new LiveServer(settings: settings).Start();

        await using var creator = new LiveClient(server.BaseAddress);
        await creator.SignInAsGuestAsync("Cleo", UserRole.Creator);
        var room = await creator.CreateRoomAsync("Flooded");
        await creator.StartRoomAsync(room.RoomId);

        await using var viewer = await server.SignedInClient("Vic");
        await using var seen = new UpdateRecorder(viewer);
        await viewer.JoinRoomAsync(room.RoomId);

        await using var sender = await server.SignedInClient("Sam");
        var receipts = await Task.WhenAll(Enumerable.Range(0, flood).Select(i => sender.SendCommentAsync(room.RoomId, $"flood {i}")));
        var sampled = receipts.Count(r => r.Sampled);
        Assert.InRange(sampled, 1, flood - 1);

        await seen.Until(s => s.All.OfType<CountersUpdate>().Any(c => c.Counters.Comments == flood), "the counters with every comment");
        await seen.Until(s => s.All.OfType<CommentsSampledUpdate>().Sum(u => u.Count) == sampled, "the count of comments not shown");
        var shown = receipts.Where(r => !r.Sampled).Select(r => r.Seq).Order().ToList();
        await seen.Until(s => shown.All(seq => s.Events(room.RoomId).Any(e => e.Seq == seq)), "every shown comment");
        Assert.Equal(flood - sampled, seen.Events(room.RoomId).OfType<CommentEvent>().Count());
    }
}
