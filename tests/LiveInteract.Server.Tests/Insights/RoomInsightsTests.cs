using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>
/// A live driven through real SignalR clients at known (fake insights clock) minutes: the insights, the creator's past
/// lives and score equal what the test did. One test, since it moves the shared clock.
/// </summary>
public sealed class RoomInsightsTests(InsightsServerFixture fixture) : IClassFixture<InsightsServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const long Minute = 60_000;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Viewers_comments_likes_gifts_and_moderation_add_up_per_minute_and_per_live()
    {
        var t0 = fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var cleo = await Server.SignIn("Cleo", "creator");
        var ana = await Server.SignIn("Ana");
        var ben = await Server.SignIn("Ben");
        var cat = await Server.SignIn("Cat");
        var donut = (await Server.Http().GetFromJsonAsync<List<Gift>>("api/gifts", Json))!.Single(g => g.Id == "donut");
        await TopUp(ben, 1_000);
        await TopUp(cat, 1_000);

        // Minute 0: Ana and Ben watch; Ana comments twice and likes 5 times; Cleo deletes one comment.
        var room = await Server.CreateLiveRoom(cleo, "First live");
        await using var anaHub = await Server.Connect(ana);
        await using var benHub = await Server.Connect(ben);
        await using var catHub = await Server.Connect(cat);
        await using var cleoHub = await Server.Connect(cleo);
        await anaHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await benHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.CurrentViewers == 2, "Ana and Ben present");
        var first = await anaHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello");
        await anaHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "again");
        await anaHub.InvokeAsync(HubMethods.SendLike, room.RoomId, 5);
        await cleoHub.InvokeAsync(HubMethods.DeleteComment, room.RoomId, first.CommentId);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Headline.Comments == 2 && i.Headline.Likes == 5 && i.Headline.DeletedComments == 1, "minute 0's activity");

        // Minute 1: Ana leaves, then Cat joins; Ben gifts 2 donuts, Cat 1.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await anaHub.InvokeAsync(HubMethods.LeaveRoom, room.RoomId);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.CurrentViewers == 1, "Ana gone");
        await catHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.CurrentViewers == 2, "Cat present");
        await benHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "donut", 2, "ben-1");
        await catHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, "donut", 1, "cat-1");
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Headline.Gifts == 3, "three donuts");

        // Minute 2 starts: the live ends.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var cleoHttp = Server.Http(cleo.Token))
            (await cleoHttp.PostAsync($"api/rooms/{room.RoomId}/end", null)).EnsureSuccessStatusCode();
        var insights = await Server.WaitForInsights(cleo, room.RoomId, i => i.EndedAt is not null && i.Headline.NewViewers == 3, "the end");

        Assert.Equal((t0, t0 + 2 * Minute), (insights.StartedAt, insights.EndedAt));
        var h = insights.Headline;
        Assert.Equal((2, 2.0, 3, 0), (h.PeakViewers, h.AverageViewers, h.UniqueViewers, insights.CurrentViewers));
        // Watch: Ana 1 min, Ben 2 min, Cat 1 min.
        Assert.Equal(4 * Minute / 3, h.AverageWatchMs);
        Assert.Equal((3, 0), (h.NewViewers, h.ReturningViewers));
        Assert.Equal((2L, 5L, 3L, 3 * donut.Coins, 4L, 1L), (h.Comments, h.Likes, h.Gifts, h.GiftCoins, h.ViewerMinutes, h.DeletedComments));
        Assert.Equal(2 * Minute, h.DurationMs);

        Assert.Equal(2, insights.Minutes.Count);
        var (m0, m1) = (insights.Minutes[0], insights.Minutes[1]);
        Assert.Equal((t0, 2, 2.0, 2, 2L, 5L, 0L, 1), (m0.Minute, m0.PeakViewers, m0.AverageViewers, m0.Joins, m0.Comments, m0.Likes, m0.GiftCoins, m0.ModerationActions));
        Assert.Equal((t0 + Minute, 2, 2.0, 1, 0L, 0L, 3L, 3 * donut.Coins, 0), (m1.Minute, m1.PeakViewers, m1.AverageViewers, m1.Joins, m1.Comments, m1.Likes, m1.Gifts, m1.GiftCoins, m1.ModerationActions));
        var byType = Assert.Single(insights.GiftsByType);
        Assert.Equal(("donut", 3L, 3 * donut.Coins), (byType.GiftId, byType.Count, byType.Coins));
        Assert.Equal([(ben.UserId, 2 * donut.Coins), (cat.UserId, donut.Coins)], insights.TopGifters.Select(g => (g.UserId, g.Coins)));
        Assert.Equal(("comment_deleted", 1), (insights.Moderation.Single().Action, insights.Moderation.Single().Count));

        // Who may read it: the creator (done), not a viewer; unknown rooms are not found.
        using (var anaHttp = Server.Http(ana.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await anaHttp.GetAsync($"api/rooms/{room.RoomId}/insights")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await anaHttp.GetAsync($"api/creators/{cleo.UserId}/lives")).StatusCode);
        }
        using (var cleoHttp = Server.Http(cleo.Token))
            Assert.Equal(HttpStatusCode.NotFound, (await cleoHttp.GetAsync("api/rooms/r_unknown000000000000000000/insights")).StatusCode);

        // A second live a minute later: Ana comes back, Dan is new.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var dan = await Server.SignIn("Dan");
        await using var danHub = await Server.Connect(dan);
        var second = await Server.CreateLiveRoom(cleo, "Second live");
        await anaHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, second.RoomId, null);
        await danHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, second.RoomId, null);
        await Server.WaitForInsights(cleo, second.RoomId, i => i.CurrentViewers == 2, "Ana and Dan present");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var cleoHttp = Server.Http(cleo.Token))
            (await cleoHttp.PostAsync($"api/rooms/{second.RoomId}/end", null)).EnsureSuccessStatusCode();
        var again = await Server.WaitForInsights(cleo, second.RoomId, i => i.EndedAt is not null && i.Headline.NewViewers + i.Headline.ReturningViewers == 2, "the second end");
        Assert.Equal((1, 1), (again.Headline.NewViewers, again.Headline.ReturningViewers));

        // Past lives, newest first and paged; the same through the service API.
        PastLivePage lives = null!;
        using var cleoReads = Server.Http(cleo.Token);
        await Eventually.Until(async () => (lives = await Lives(cleoReads, cleo.UserId, 0, 1)).Total == 2, "both lives recorded");
        Assert.Equal(second.RoomId, Assert.Single(lives.Lives).RoomId);
        using var service = Server.Service();
        var older = await Lives(service, cleo.UserId, 1, 1);
        Assert.Equal(room.RoomId, Assert.Single(older.Lives).RoomId);
        Assert.Equal(h, older.Lives[0].Headline);

        // The score: components shown, computed from both lives (formula in docs/INSIGHTS.md).
        var score = (await service.GetFromJsonAsync<CreatorScore>($"api/creators/{cleo.UserId}/score", Json))!;
        Assert.Equal(2, score.LivesCounted);
        Assert.Equal(["engagement", "retention", "growth", "safety"], score.Components.Select(c => c.Name));
        var growth = score.Components.Single(c => c.Name == "growth");
        Assert.Equal((0.2, 40.0), (growth.Figure, growth.Value)); // 1 returning of 5 classified; 0.5 scores 100
        Assert.InRange(score.Score, 0, 100);
        using var wrongKey = Server.Service("not-the-key");
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongKey.GetAsync($"api/creators/{cleo.UserId}/score")).StatusCode);
    }

    private static async Task<PastLivePage> Lives(HttpClient http, string userId, int offset, int limit)
        => (await http.GetFromJsonAsync<PastLivePage>($"api/creators/{userId}/lives?offset={offset}&limit={limit}", Json))!;

    private async Task TopUp(TestUser user, long coins)
    {
        using var http = Server.Http(user.Token);
        (await http.PostAsJsonAsync("api/wallet/topup", new { coins })).EnsureSuccessStatusCode();
    }
}
