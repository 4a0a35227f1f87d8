using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Rooms.Bench;

/// <summary>
/// The baseline: plain ASP.NET Core SignalR, one in-memory group per room, no Orleans, no persistence.
/// Each comment is sent to the group at once with a per-room seq, in the same wire shape as LiveInteract.
/// </summary>
public static class BaselineServer
{
    public static async Task Run(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapGet("/healthz", () => "Healthy");
        app.MapHub<BaselineHub>("/hubs/live");
        await app.RunAsync();
    }

    public sealed class BaselineHub : Hub
    {
        private static long _seq;

        public async Task<object> JoinRoom(string roomId, long? lastSeq)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
            return new { roomId, lastSeq = Interlocked.Read(ref _seq), events = Array.Empty<object>() };
        }

        public async Task<object> SendComment(string roomId, string text)
        {
            var seq = Interlocked.Increment(ref _seq);
            var e = new { type = "comment", seq, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), userId = Context.UserIdentifier, displayName = "bench", commentId = $"c{seq}", text };
            await Clients.Group(roomId).SendAsync("Events", new { roomId, events = new[] { e }, counters = (object?)null });
            return new { commentId = $"c{seq}", seq };
        }
    }
}
