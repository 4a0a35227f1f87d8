using System.Net.Http.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Moderation;

/// <summary>A server configured with Moderation:BlockedWordsAction=Hold.</summary>
public sealed class HeldCommentTests
{
    [Fact]
    public async Task A_held_comment_is_not_published_and_waits_in_the_audit_log()
    {
        var server = new LiveServer(settings: new Dictionary<string, string?> { ["Moderation:BlockedWordsAction"] = "Hold" });
        try
        {
            server.Start();
            var creator = await server.SignIn("Keeper", "creator");
            var room = await server.CreateLiveRoom(creator);
            await using var owner = await server.Connect(creator);
            await owner.InvokeAsync(HubMethods.SetBlockedWords, room.RoomId, new[] { "spoiler" });
            var author = await server.SignIn("Leaker");
            var (hub, _) = await server.Joined(author, room.RoomId);
            await using var _h = hub;
            var (watcher, watcherSees) = await server.Joined(await server.SignIn("Watcher"), room.RoomId);
            await using var _w = watcher;

            var held = await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "S.P.O.I.L.E.R: he dies");
            var fine = await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "great episode");

            Assert.True(held.Held);
            Assert.Equal(0, held.Seq);
            Assert.False(fine.Held);
            await Eventually.Until(() => watcherSees.Comments.Any(c => c.CommentId == fine.CommentId), "the fine comment");
            Assert.DoesNotContain(watcherSees.Comments, c => c.Text.Contains("dies", StringComparison.Ordinal));
            using var http = server.Http(creator.Token);
            var log = await http.GetFromJsonAsync<ModerationPage>($"api/rooms/{room.RoomId}/moderation");
            var record = log!.Items[0];
            Assert.Equal((ModerationActions.CommentHeld, author.UserId, "S.P.O.I.L.E.R: he dies"), (record.Action, record.ActorId, record.Detail));
        }
        finally
        {
            await server.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }
}
