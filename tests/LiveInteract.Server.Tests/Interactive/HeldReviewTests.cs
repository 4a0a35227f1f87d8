using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Interactive;

/// <summary>Review of held comments on a server with Moderation:BlockedWordsAction=Hold.</summary>
public sealed class HeldReviewTests
{
    [Fact]
    public async Task Staff_list_held_comments_approve_one_with_its_author_and_time_and_reject_another()
    {
        var server = new LiveServer(settings: new Dictionary<string, string?> { ["Moderation:BlockedWordsAction"] = "Hold" });
        try
        {
            server.Start();
            var creator = await server.SignIn("Reviewer", "creator");
            var room = await server.CreateLiveRoom(creator);
            await using var owner = await server.Connect(creator);
            await owner.InvokeAsync(HubMethods.SetBlockedWords, room.RoomId, new[] { "spoiler" });
            var author = await server.SignIn("Eager");
            var (authorHub, _) = await server.Joined(author, room.RoomId);
            await using var _a = authorHub;
            var (watcher, watcherSees) = await server.Joined(await server.SignIn("Watcher"), room.RoomId);
            await using var _w = watcher;

            var kept = await authorHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "no spoiler: it is good");
            var dropped = await authorHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "spoiler: he dies");
            Assert.True(kept.Held && dropped.Held);

            using var staff = server.Http(creator.Token);
            var held = (await staff.GetFromJsonAsync<List<HeldComment>>($"api/rooms/{room.RoomId}/held"))!;
            Assert.Equal([kept.CommentId, dropped.CommentId], held.Select(h => h.HeldId));
            Assert.Equal(author.UserId, held[0].UserId);
            using var outsider = server.Http(author.Token);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"api/rooms/{room.RoomId}/held")).StatusCode);

            var published = await owner.InvokeAsync<CommentReceipt>(HubMethods.ApproveComment, room.RoomId, kept.CommentId);
            await owner.InvokeAsync(HubMethods.RejectComment, room.RoomId, dropped.CommentId);
            Assert.EndsWith("held comment not found", await owner.Refused(HubMethods.ApproveComment, room.RoomId, dropped.CommentId));

            var seen = await watcherSees.UntilComment("no spoiler: it is good");
            Assert.Equal((published.CommentId, author.UserId, held[0].At), (seen.CommentId, seen.UserId, seen.At));
            Assert.Empty((await staff.GetFromJsonAsync<List<HeldComment>>($"api/rooms/{room.RoomId}/held"))!);
            var log = await staff.GetFromJsonAsync<ModerationPage>($"api/rooms/{room.RoomId}/moderation");
            Assert.Equal([ModerationActions.RejectComment, ModerationActions.ApproveComment],
                log!.Items.Take(2).Select(r => r.Action));
            Assert.DoesNotContain(watcherSees.Comments, c => c.Text.Contains("dies", StringComparison.Ordinal));
        }
        finally
        {
            await server.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }
}
