using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>Leaderboards after concurrent gifts into many rooms equal the ledger (creator earnings, gifters' spending).</summary>
public sealed class RankingTests(InsightsServerFixture fixture) : IClassFixture<InsightsServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Boards_after_concurrent_gifts_into_many_rooms_equal_the_ledger()
    {
        const long TopUp = 5_000;
        var creators = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Server.SignIn($"Star{i}", "creator")));
        var rooms = await Task.WhenAll(creators.Select(c => Server.CreateLiveRoom(c, $"Room of {c.Name}")));
        var gifters = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Server.SignIn($"Fan{i}")));
        string[] giftIds = ["rose", "heart", "donut", "cap"];
        var catalog = (await Server.Http().GetFromJsonAsync<List<Gift>>("api/gifts", Json))!;
        giftIds = [.. giftIds.Where(id => catalog.Any(g => g.Id == id))];
        Assert.NotEmpty(giftIds);

        await Task.WhenAll(gifters.Select(async (fan, f) =>
        {
            using (var http = Server.Http(fan.Token))
                (await http.PostAsJsonAsync("api/wallet/topup", new { coins = TopUp })).EnsureSuccessStatusCode();
            await using var hub = await Server.Connect(fan);
            foreach (var room in rooms) await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            // Every fan gifts into every room at once.
            await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
                hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, rooms[(f + n) % rooms.Length].RoomId, giftIds[(f + n) % giftIds.Length], 1 + n % 2, $"fan{f}-{n}")));
        }));

        // The ledger: what each creator earned, what each fan spent.
        var earned = new Dictionary<string, long>();
        foreach (var creator in creators)
        {
            using var http = Server.Http(creator.Token);
            earned[creator.UserId] = (await http.GetFromJsonAsync<CreatorEarnings>($"api/creators/{creator.UserId}/earnings", Json))!.Coins;
        }
        var spent = new Dictionary<string, long>();
        foreach (var fan in gifters)
        {
            using var http = Server.Http(fan.Token);
            spent[fan.UserId] = TopUp - (await http.GetFromJsonAsync<WalletView>("api/wallet", Json))!.Balance;
        }
        Assert.True(earned.Values.Sum() > 0);
        Assert.Equal(earned.Values.Sum(), spent.Values.Sum());

        foreach (var period in new[] { "hour", "day", "week" })
        {
            await Eventually.Until(async () => Equal(await Board("creators", period), earned), $"creators board ({period}) = earnings",
                state: () => JsonSerializer.Serialize(earned));
            await Eventually.Until(async () => Equal(await Board("gifters", period), spent), $"gifters board ({period}) = spending");
        }
        var hour = await Ranking("creators", "hour");
        Assert.Equal((InsightsServerFixture.Start.ToUnixTimeMilliseconds(), InsightsServerFixture.Start.AddHours(1).ToUnixTimeMilliseconds()), (hour.WindowStart, hour.WindowEnd));
        Assert.Equal(hour.Entries.OrderByDescending(e => e.Coins).Select(e => e.UserId), hour.Entries.Select(e => e.UserId));
        Assert.Equal(Enumerable.Range(1, hour.Entries.Count), hour.Entries.Select(e => e.Rank));
        Assert.All(hour.Entries, e => Assert.StartsWith("Star", e.DisplayName));

        using var anonymous = Server.Http();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("api/rankings?board=rooms&period=hour")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("api/rankings?board=creators&period=year")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("api/rankings?board=creators&period=day&limit=5000")).StatusCode);
    }

    private static bool Equal(IReadOnlyList<RankingEntry> board, Dictionary<string, long> ledger) =>
        board.Count == ledger.Count(l => l.Value > 0) && board.All(e => ledger.GetValueOrDefault(e.UserId) == e.Coins);

    private async Task<IReadOnlyList<RankingEntry>> Board(string board, string period) => (await Ranking(board, period)).Entries;

    private async Task<Ranking> Ranking(string board, string period)
    {
        using var http = Server.Http();
        return (await http.GetFromJsonAsync<Ranking>($"api/rankings?board={board}&period={period}&limit=100", Json))!;
    }
}
