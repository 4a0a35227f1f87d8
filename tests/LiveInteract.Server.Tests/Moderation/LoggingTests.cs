using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Server.Tests.Moderation;

public sealed class LoggingTests
{
    [Fact]
    public async Task Tokens_and_message_bodies_stay_out_of_the_logs_even_at_trace_level()
    {
        var logs = new CapturingLoggerProvider();
        var server = new LiveServer(settings: new Dictionary<string, string?>
        {
            // An operator turning everything up: our floors for the risky categories must still hold.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        }, services: s => s.AddLogging(b => b.AddProvider(logs)));
        try
        {
            server.Start();
            var creator = await server.SignIn("Logger", "creator");
            var room = await server.CreateLiveRoom(creator);
            var viewer = await server.SignIn("Quiet");
            await using var hub = await server.Connect(viewer); // token in ?access_token=, as browsers send it
            var seen = new HubRecorder(hub);
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            const string secret = "my-private-message-7f3a9";
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, secret);
            await hub.InvokeAsync(HubMethods.SendLike, room.RoomId, 3);
            // Everything logged about the secret and the likes (fan-out included) happens before this marker comes back.
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker");
            await seen.UntilComment("marker");

            Assert.NotEmpty(logs.Lines); // trace logging is on and captured
            Assert.Contains(logs.Lines, l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(viewer.Token, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(creator.Token, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains("access_token", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
        finally
        {
            await server.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }
}
