using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

public sealed class OperationsTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        using var http = Server.Http();
        Assert.Equal("Healthy", await http.GetStringAsync("healthz/live"));
        Assert.Equal("Healthy", await http.GetStringAsync("healthz/ready"));
        Assert.Equal("Healthy", await http.GetStringAsync("healthz"));
    }

    [Fact]
    public async Task Metrics_show_forwarded_events_by_type_and_orleans_and_kestrel_meters()
    {
        var room = await Server.CreateLiveRoom(await Server.SignIn("Mo", "creator"));
        await using var hub = await Server.Connect(await Server.SignIn("Ned"));
        var seen = new HubRecorder(hub);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "count me");
        await Eventually.Until(() => seen.Comments.Count == 1, "the comment");

        using var http = Server.Http();
        string metrics = "";
        await Eventually.Until(() =>
        {
            metrics = http.GetStringAsync("metrics").Result;
            return metrics.Contains("liveinteract_events_forwarded_total{", StringComparison.Ordinal) && metrics.Contains("type=\"comment\"", StringComparison.Ordinal);
        }, "the forwarded-events counter");
        Assert.Contains("liveinteract_fanout_latency_milliseconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Contains("kestrel_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_document_describes_the_rest_api()
    {
        using var http = Server.Http();
        var doc = await http.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/auth/token", "/api/rooms", "/api/rooms/{roomId}", "/api/rooms/{roomId}/start", "/api/rooms/{roomId}/end" })
            Assert.Contains($"\"{path}\"", doc, StringComparison.Ordinal);
    }
}
