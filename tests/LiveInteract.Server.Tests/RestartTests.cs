using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Server.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Stopping_and_restarting_the_server_loses_no_room_counter_or_comment()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"li-restart-{Guid.NewGuid():N}");
        try
        {
            string roomId;
            TestUser creator;
            RoomSnapshot before;
            await using (var server = new LiveServer(dataDirectory, LiveServer.Unthrottled()).Start())
            {
                creator = await server.SignIn("Rita", "creator");
                roomId = (await server.CreateLiveRoom(creator, "Still here tomorrow")).RoomId;
                await using var hub = await server.Connect(await server.SignIn("Sol"));
                await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
                for (var i = 0; i < 10; i++) await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, $"comment {i}");
                await hub.InvokeAsync(HubMethods.SendLike, roomId, 42);
                using var http = server.Http(creator.Token);
                await Eventually.Until(() => http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}").Result!.Counters.Likes == 42, "likes stored");
                before = (await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}?lastSeq=0"))!;
            }

            await using (var server = new LiveServer(dataDirectory, LiveServer.Unthrottled()).Start())
            {
                // The token from before the restart is still valid (the Local signing key is kept in the data folder).
                using var http = server.Http(creator.Token);
                var after = (await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}?lastSeq=0"))!;
                Assert.Equal("Still here tomorrow", after.Title);
                Assert.Equal(RoomStatus.Live, after.Status);
                Assert.Equal(before.LastSeq, after.LastSeq);
                Assert.Equal(42, after.Counters.Likes);
                Assert.Equal(10, after.Counters.Comments);
                Assert.Equal(
                    before.Events.OfType<CommentEvent>().Select(c => (c.Seq, c.Text)),
                    after.Events.OfType<CommentEvent>().Select(c => (c.Seq, c.Text)));
                var live = await http.GetFromJsonAsync<List<RoomListing>>("api/rooms");
                Assert.Contains(live!, r => r.RoomId == roomId);
            }
        }
        finally
        {
            LiveServer.DeleteData(dataDirectory);
        }
    }
}
