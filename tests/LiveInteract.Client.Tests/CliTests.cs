using System.Text.Json;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Client.Tests;

/// <summary>The CLI as a user's script runs it: real processes against a real server, <c>--json</c> output parsed.</summary>
public sealed class CliTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private const int Timeout = 60_000;
    private LiveServer Server => fixture.Server;
    private string Url => Server.BaseAddress.ToString();

    [Fact]
    public async Task Rooms_lists_the_live_rooms_as_json()
    {
        var creator = await Server.SignIn("Rita", "creator");
        var room = await Server.CreateLiveRoom(creator, "Rooms from the CLI");

        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "rooms", "--json", "--server", Url);

        Assert.True(code == 0, errors);
        using var json = JsonDocument.Parse(string.Join('\n', lines));
        var listed = json.RootElement.EnumerateArray().Single(r => r.GetProperty("roomId").GetString() == room.RoomId);
        Assert.Equal("Rooms from the CLI", listed.GetProperty("title").GetString());
        Assert.Equal("Rita", listed.GetProperty("creatorName").GetString());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task Say_sends_a_comment_that_viewers_receive_and_prints_its_receipt(string protocol)
    {
        var creator = await Server.SignIn("Sam", "creator");
        var room = (await Server.CreateLiveRoom(creator)).RoomId;
        await using var viewer = await Server.SignedInClient("Vera");
        await using var seen = new UpdateRecorder(viewer);
        await viewer.JoinRoomAsync(room);

        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "say", room, "hello from a script", "--json", "--name", "Scripty", "--server", Url, "--protocol", protocol);

        Assert.True(code == 0, errors);
        using var receipt = JsonDocument.Parse(lines.Single());
        var seq = receipt.RootElement.GetProperty("seq").GetInt64();
        await seen.Until(s => s.Events(room).Any(e => e.Seq == seq), "the CLI's comment");
        var comment = Assert.IsType<CommentEvent>(seen.Events(room).Single(e => e.Seq == seq));
        Assert.Equal("hello from a script", comment.Text);
        Assert.Equal("Scripty", comment.DisplayName);
        Assert.Equal(receipt.RootElement.GetProperty("commentId").GetString(), comment.CommentId);
    }

    [Fact]
    public async Task An_unknown_protocol_is_refused_before_connecting()
    {
        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "say", "any-room", "hi", "--server", Url, "--protocol", "xml");

        Assert.Equal(1, code);
        Assert.Empty(lines);
        Assert.Contains("error: --protocol must be json or messagepack", errors);
    }

    [Fact]
    public async Task Say_to_an_unknown_room_fails_with_the_servers_message()
    {
        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "say", "no-such-room", "hi", "--json", "--server", Url);

        Assert.Equal(1, code);
        Assert.Empty(lines);
        Assert.Contains("error: the server refused: room not found", errors);
    }

    [Fact]
    public async Task Watch_prints_the_live_feed_as_json_lines_and_exits_when_the_room_ends()
    {
        var creator = await Server.SignIn("Wendy", "creator");
        var room = (await Server.CreateLiveRoom(creator, "Watched")).RoomId;
        await using var watch = CliProcess.Start("watch", room, "--json", "--name", "Watcher", "--server", Url);
        var joined = await watch.WaitForLine(l => l.Contains("\"kind\":\"joined\""), "joined line", Timeout);
        Assert.Equal("Watched", JsonDocument.Parse(joined).RootElement.GetProperty("title").GetString());

        var talker = await Server.SignIn("Talia");
        await using (var hub = await Server.Connect(talker))
        {
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room, null);
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room, "first");
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room, "second");
            await hub.InvokeAsync(HubMethods.SendLike, room, 7);
            await watch.WaitForLine(l => l.Contains("\"kind\":\"counters\"") && Likes(l) >= 7, "the likes", Timeout);
        }
        using (var http = Server.Http(creator.Token)) (await http.PostAsync($"api/rooms/{room}/end", null)).EnsureSuccessStatusCode();

        Assert.Equal(0, await watch.WaitForExitAsync(Timeout));
        var lines = watch.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var comments = lines.Where(l => l.GetProperty("kind").GetString() == "event" && l.GetProperty("event").GetProperty("type").GetString() == "comment")
            .Select(l => (Text: l.GetProperty("event").GetProperty("text").GetString(), Who: l.GetProperty("event").GetProperty("displayName").GetString()))
            .ToList();
        Assert.Equal([("first", "Talia"), ("second", "Talia")], comments);
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "viewers" && l.GetProperty("viewers").GetInt32() >= 1);
        Assert.Equal("ended", lines[^1].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Wallet_and_gift_move_coins_once_and_the_room_sees_the_gift()
    {
        var creator = await Server.SignIn("Gwen", "creator");
        var room = (await Server.CreateLiveRoom(creator)).RoomId;
        var fan = await Server.SignIn("Giver");
        await using var watcher = await Server.SignedInClient("Onlooker");
        await using var seen = new UpdateRecorder(watcher);
        await watcher.JoinRoomAsync(room);

        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "wallet", "--topup", "100", "--json", "--token", fan.Token, "--server", Url);
        Assert.True(code == 0, errors);
        var wallet = JsonDocument.Parse(lines.Single()).RootElement;
        Assert.Equal((fan.UserId, 100L, 100L), (wallet.GetProperty("userId").GetString(), wallet.GetProperty("balance").GetInt64(), wallet.GetProperty("toppedUp").GetInt64()));

        var donut = (await watcher.GetGiftsAsync()).Single(g => g.Id == "donut");
        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "gift", room, "donut", "2", "--json", "--token", fan.Token, "--server", Url);
        Assert.True(code == 0, errors);
        var receipt = JsonDocument.Parse(lines.Single()).RootElement;
        Assert.Equal((room, "donut", 2, donut.Coins * 2, 100 - donut.Coins * 2),
            (receipt.GetProperty("roomId").GetString(), receipt.GetProperty("giftId").GetString(), receipt.GetProperty("count").GetInt32(),
             receipt.GetProperty("coins").GetInt64(), receipt.GetProperty("balance").GetInt64()));
        await seen.Until(s => s.Events(room).OfType<LiveInteract.Contracts.Gifts.GiftEvent>().Any(g => g.UserId == fan.UserId), "the CLI's gift in the room");

        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "wallet", "--json", "--token", fan.Token, "--server", Url);
        Assert.True(code == 0, errors);
        Assert.Equal(100 - donut.Coins * 2, JsonDocument.Parse(lines.Single()).RootElement.GetProperty("balance").GetInt64());

        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "gift", room, "no-such-gift", "--json", "--token", fan.Token, "--server", Url);
        Assert.Equal(1, code);
        Assert.Empty(lines);
        Assert.Contains("error: the server refused: unknown gift", errors);
    }

    private static long Likes(string line) =>
        JsonDocument.Parse(line).RootElement.GetProperty("counters").GetProperty("likes").GetInt64();
}
