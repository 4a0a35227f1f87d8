using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.LoadTests.Risk;

/// <summary>
/// The abuse presets (docs/LOADTESTS.md): <c>fraud-ring</c> signs in fresh accounts that top up and give only to one
/// room (a gift ring), <c>spam-burst</c> has accounts post the same text into one room within seconds. Each also
/// drives an honest twin room (accounts that gift elsewhere too, or write different texts), then polls
/// <c>GET /api/service/risk</c> with the service API key until the pattern's room is flagged, and checks the twin is not.
/// </summary>
public sealed class RiskPatternRun(string preset, int accounts, Uri baseUrl, string apiKey, TimeSpan timeout)
{
    public static readonly IReadOnlyDictionary<string, string> Signals = new Dictionary<string, string>
    {
        ["fraud-ring"] = RiskSignals.GiftRing,
        ["spam-burst"] = RiskSignals.SpamBurst,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    public async Task<RiskPatternResult> Execute()
    {
        var signal = Signals.TryGetValue(preset, out var s) ? s : throw new ArgumentException($"unknown abuse preset '{preset}'");
        using var http = new HttpClient { BaseAddress = baseUrl };
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var creator = await SignIn(http, $"creator-{_tag}", "creator");
        var pattern = await LiveRoom(creator, $"{preset} {_tag}");
        var twin = await LiveRoom(creator, $"{preset} twin {_tag}");
        var elsewhere = await LiveRoom(await SignIn(http, $"other-{_tag}", "creator"), $"elsewhere {_tag}");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, accounts).Select(i => preset == "fraud-ring"
            ? Gifter(http, $"ring{i}-{_tag}", [pattern, pattern])
            : Commenter(http, $"spam{i}-{_tag}", pattern, $"Free coins for everyone at the link in bio {_tag}")));
        await Task.WhenAll(Enumerable.Range(0, accounts).Select(i => preset == "fraud-ring"
            ? Gifter(http, $"fan{i}-{_tag}", [elsewhere, twin, twin])
            : Commenter(http, $"chat{i}-{_tag}", twin, $"Greetings from town number {i}, lovely stream {_tag}")));
        var drivenMs = clock.Elapsed.TotalMilliseconds;

        using var service = new HttpClient { BaseAddress = baseUrl };
        service.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        RiskFlag? flag = null;
        IReadOnlyList<RiskFlag> flags = [];
        while (flag is null && clock.Elapsed < timeout + TimeSpan.FromMilliseconds(drivenMs))
        {
            flags = (await service.GetFromJsonAsync<RiskPage>($"api/service/risk?since={started}&limit=500", Json))!.Flags;
            flag = flags.FirstOrDefault(f => f.Signal == signal && f.RoomId == pattern);
            if (flag is null) await Task.Delay(200); // polling a remote server: there is nothing to wait on but its answer
        }
        var twinFlagged = flags.Any(f => f.Signal == signal && f.RoomId == twin);
        return new RiskPatternResult(preset, signal, accounts, pattern, twin, flag, twinFlagged, drivenMs, clock.Elapsed.TotalMilliseconds);
    }

    private async Task Gifter(HttpClient http, string name, string[] rooms)
    {
        var user = await SignIn(http, name, "viewer");
        using (var wallet = As(user.Token))
            (await wallet.PostAsJsonAsync("api/wallet/topup", new { coins = 1_000 })).EnsureSuccessStatusCode();
        await using var hub = await Connect(user.Token);
        for (var i = 0; i < rooms.Length; i++)
            await hub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, rooms[i], i < rooms.Length - 2 ? "rose" : "corgi", 1, $"{name}-{i}");
    }

    private async Task Commenter(HttpClient http, string name, string room, string text)
    {
        var user = await SignIn(http, name, "viewer");
        await using var hub = await Connect(user.Token);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room, null);
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room, text);
    }

    private static async Task<(string UserId, string Token)> SignIn(HttpClient http, string name, string role)
    {
        var response = await http.PostAsJsonAsync("api/auth/token", new { name, role });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json));
        return (token.GetProperty("userId").GetString()!, token.GetProperty("token").GetString()!);
    }

    private async Task<string> LiveRoom((string UserId, string Token) creator, string title)
    {
        using var http = As(creator.Token);
        var room = (await (await http.PostAsJsonAsync("api/rooms", new { title })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<RoomSnapshot>(Json))!;
        (await http.PostAsync($"api/rooms/{room.RoomId}/start", null)).EnsureSuccessStatusCode();
        return room.RoomId;
    }

    private async Task<HubConnection> Connect(string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, HubRoutes.Live.TrimStart('/')), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>A client of the server acting as the token's user.</summary>
    private HttpClient As(string token)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>What an abuse preset produced: the flag on the pattern's room (null: not flagged in time) and whether the twin was flagged.</summary>
public sealed record RiskPatternResult(
    string Preset, string Signal, int Accounts, string PatternRoomId, string TwinRoomId, RiskFlag? Flag, bool TwinFlagged,
    double DrivenMs, double ElapsedMs)
{
    public bool Passed => Flag is not null && !TwinFlagged;
}
