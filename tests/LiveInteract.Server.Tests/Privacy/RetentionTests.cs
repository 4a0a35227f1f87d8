using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Privacy;

/// <summary>
/// Retention on a real server with a 2-second <c>Privacy:ViewerDataRetention</c>: once a live has ended that long ago,
/// the reminder removes its viewer-level data while its figures stay.
/// </summary>
public sealed class RetentionTests(ShortRetentionServerFixture fixture) : IClassFixture<ShortRetentionServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    private const string Canary = "retention canary comment text";

    [Fact]
    public async Task An_ended_live_loses_its_viewer_level_data_after_the_retention_period_and_keeps_its_figures()
    {
        var cleo = await Server.SignIn("Cleo", "creator");
        var room = await Server.CreateLiveRoom(cleo, "Short retention");
        var yola = await Server.SignIn("Yolanda Retention");
        using (var http = Server.Http(yola.Token))
            (await http.PostAsJsonAsync("api/wallet/topup", new { coins = 500 })).EnsureSuccessStatusCode();
        using var creatorHttp = Server.Http(cleo.Token);
        using var service = Server.Service();
        await using (var hub = await Server.Connect(yola))
        {
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, Canary);
            await hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "corgi", 1, "yola-1");
            // While the live runs, everything is there; connected until the live counts her as a viewer.
            await Eventually.Until(async () => (await service.Export(yola.UserId)).Insights is [{ FirstSeenAt: not null }], "the live's insights know the viewer");
        }
        Assert.Contains(Canary, await creatorHttp.GetStringAsync($"api/rooms/{room.RoomId}?lastSeq=0"), StringComparison.Ordinal);
        (await creatorHttp.PostAsync($"api/rooms/{room.RoomId}/end", null)).EnsureSuccessStatusCode();
        var live = await Eventually.Value(
            async () => (await creatorHttp.GetFromJsonAsync<PastLivePage>($"api/creators/{cleo.UserId}/lives", Json))!.Lives,
            lives => lives.Count == 1, "the live reached the creator's history");

        // After the retention period the reminder has run: no comment, no name, no per-viewer record.
        var export = await Eventually.Value(() => service.Export(yola.UserId),
            e => e.Rooms.Count == 0 && e.Insights.Count == 0 && e.KnownViewerOf.Count == 0, "the viewer-level data expired", TimeSpan.FromSeconds(60));
        var history = await creatorHttp.GetStringAsync($"api/rooms/{room.RoomId}?lastSeq=0");
        Assert.DoesNotContain(Canary, history, StringComparison.Ordinal);
        Assert.DoesNotContain(yola.Name, history, StringComparison.Ordinal);
        var insights = (await creatorHttp.GetFromJsonAsync<RoomInsights>($"api/rooms/{room.RoomId}/insights", Json))!;
        Assert.DoesNotContain(insights.TopGifters, g => g.UserId == yola.UserId || g.DisplayName == yola.Name);

        // The figures stay: the live's headline, its gift total, the viewer's money.
        Assert.Equal(live[0].Headline, insights.Headline);
        Assert.Equal((1, 299L, 1L), (insights.Headline.UniqueViewers, insights.Headline.GiftCoins, insights.Headline.Comments));
        Assert.Equal(201, export.Wallet.Balance);
    }
}
