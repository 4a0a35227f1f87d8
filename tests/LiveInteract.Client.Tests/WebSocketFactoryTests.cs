using System.Net.WebSockets;
using LiveInteract.Client.Auth;

namespace LiveInteract.Client.Tests;

/// <summary>LiveClientOptions.WebSocketFactory opens the hub socket (the load tests bind it to 127.0.0.N this way).</summary>
public sealed class WebSocketFactoryTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    [Fact]
    public async Task The_hub_socket_comes_from_the_factory_and_carries_events()
    {
        var server = fixture.Server;
        await using var creator = new LiveClient(server.BaseAddress);
        await creator.SignInAsGuestAsync("Fay", UserRole.Creator);
        var room = await creator.CreateRoomAsync("factory room");
        await creator.StartRoomAsync(room.RoomId);

        var opened = new List<Uri>();
        LiveClient? viewer = null;
        viewer = new LiveClient(new LiveClientOptions
        {
            ServerUrl = server.BaseAddress,
            WebSocketFactory = async (uri, ct) =>
            {
                lock (opened) opened.Add(uri);
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", $"Bearer {viewer!.Token!.Token}");
                await socket.ConnectAsync(uri, ct);
                return socket;
            },
        });
        await using (viewer)
        {
            await using var seen = new UpdateRecorder(viewer);
            await viewer.SignInAsGuestAsync("Wes");
            await viewer.ConnectAsync();
            await viewer.JoinRoomAsync(room.RoomId);
            var receipt = await viewer.SendCommentAsync(room.RoomId, "through the factory");

            await seen.Until(r => r.Events(room.RoomId).Any(e => e.Seq == receipt.Seq), "the comment back through the factory's socket");
            Assert.Contains("through the factory", seen.CommentTexts(room.RoomId));
            var uri = Assert.Single(opened);
            Assert.Equal("ws", uri.Scheme);
            Assert.EndsWith("/hubs/live", uri.AbsolutePath, StringComparison.Ordinal);
        }
    }
}
