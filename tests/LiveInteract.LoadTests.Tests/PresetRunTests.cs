using LiveInteract.LoadTests.Reporting;
using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// Each preset, shrunk to a few dozen viewers and a few seconds, against a real server process, once with SDK viewers
/// and once with lean viewers (bare WebSocket, same server): the same assertions hold for both. The report's counts must
/// agree with what the server counted (GET /api/rooms/{id}) and with each other.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class PresetRunTests(ServerProcessFixture fixture)
{
    private static LoadSettings Small(string preset, string mode, int viewers = 30) => Presets.All[preset] with
    {
        ViewerMode = mode,
        Viewers = viewers,
        RampPerSecond = 100,
        ConnectConcurrency = 16,
        Duration = TimeSpan.FromSeconds(4),
        Drain = TimeSpan.FromSeconds(5),
    };

    private async Task<LoadResult> Run(LoadSettings settings) =>
        await new LoadRun(settings, fixture.Url, "liveinteract", fixture.Server).Execute();

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Chatty_room_delivers_every_acknowledged_comment_to_every_viewer_once(string mode)
    {
        var result = await Run(Small("chatty-room", mode));

        AssertAllConnected(result, 30);
        var comments = result.Comments;
        Assert.True(comments.Acknowledged >= 60, $"only {comments.Acknowledged} comments acknowledged");
        Assert.Equal(comments.Sent, comments.Acknowledged);
        Assert.Equal(comments.Acknowledged * 30, comments.Expected);
        Assert.Equal(comments.Expected, comments.Delivered);
        Assert.Equal(0, comments.Lost);
        Assert.Equal(0, comments.Duplicates);
        Assert.Equal(comments.Delivered, result.LatencyMs.Count);
        AssertServerAgrees(result);
        var likes = result.Events.Single(e => e.Type == "like");
        Assert.Equal(30, likes.Expected);
        Assert.Equal(0, likes.Lost);
        Assert.True(result.ServerMetrics.GetValueOrDefault("liveinteract_events_forwarded_total_delta") >= comments.Acknowledged,
            "the server's forwarded-events counter must cover every acknowledged comment");
        Assert.NotEmpty(result.Samples);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Watchers_that_sign_in_first_count_the_same_as_the_default_anonymous_ones(string mode)
    {
        // The default run above connects its watchers without a token (a token-less connection the server refused
        // would fail every connect); this one signs each in first, as every viewer did before anonymous viewing.
        var result = await Run(Small("chatty-room", mode) with { Watchers = "signed-in" });

        AssertAllConnected(result, 30);
        Assert.Contains(result.Notes, n => n.StartsWith("watchers: each signs in first", StringComparison.Ordinal));
        var comments = result.Comments;
        Assert.True(comments.Acknowledged >= 60, $"only {comments.Acknowledged} comments acknowledged");
        Assert.Equal(comments.Acknowledged * 30, comments.Expected);
        Assert.Equal((comments.Expected, 0L, 0L), (comments.Delivered, comments.Lost, comments.Duplicates));
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Comments_sent_during_the_ramp_are_measured_apart_and_the_warmup_is_left_out(string mode)
    {
        // 30 viewers at 15/s: a 2 s ramp with comments flowing, then 4 s of sending whose first second is the warm-up.
        var result = await Run(Small("chatty-room", mode) with { RampPerSecond = 15, SendDuringRamp = true, Warmup = TimeSpan.FromSeconds(1) });

        AssertAllConnected(result, 30);
        var comments = result.Comments;
        Assert.Equal(0, comments.Lost);
        Assert.Equal(0, comments.Duplicates);
        var ramp = Assert.IsType<Percentiles>(result.RampLatencyMs);
        Assert.True(ramp.Count > 0, "comments sent while viewers joined must be measured");
        Assert.True(result.LatencyMs.Count > 0);
        // The warm-up's deliveries (20 comments a second to 30 viewers) are in neither histogram.
        Assert.True(comments.Delivered - ramp.Count - result.LatencyMs.Count >= 300,
            $"delivered {comments.Delivered}, ramp {ramp.Count}, steady {result.LatencyMs.Count}: the warm-up was not left out");
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Join_storm_connects_everyone_and_measures_connect_time(string mode)
    {
        var result = await Run(Small("join-storm", mode, viewers: 50) with { RampPerSecond = 1000 });

        AssertAllConnected(result, 50);
        Assert.Equal(50, result.ConnectMs.Count);
        Assert.True(result.ConnectMs.P99 > 0 && result.ConnectMs.P99 <= result.ConnectMs.Max);
        Assert.Equal(0, result.Comments.Lost);
        Assert.Equal(result.Comments.Acknowledged * 50, result.Comments.Delivered);
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Gift_rush_sends_gifts_and_loses_none(string mode)
    {
        var result = await Run(Small("gift-rush", mode));

        Assert.DoesNotContain(result.Notes, n => n.Contains("gifts: not supported by target", StringComparison.Ordinal));
        var gifts = result.Events.Single(e => e.Type == "gift");
        Assert.True(gifts.Sent > 0, "gifts were sent");
        Assert.Equal(gifts.Sent, gifts.Acknowledged); // every gift paid for and receipted, none refused
        Assert.Equal(gifts.Acknowledged * 30, gifts.Expected);
        Assert.Equal(gifts.Expected, gifts.Delivered);
        Assert.Equal(0, gifts.Lost);
        AssertAllConnected(result, 30);
        Assert.Equal(result.Comments.Acknowledged * 30, result.Comments.Delivered);
        Assert.Equal(0, result.Comments.Lost);
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Many_rooms_keeps_each_rooms_comments_in_that_room(string mode)
    {
        var result = await Run(Small("many-rooms", mode, viewers: 40) with { Rooms = 5 });

        AssertAllConnected(result, 40);
        Assert.Equal(5, result.Rooms.Count);
        Assert.Equal(20, result.Rooms[0].Viewers); // skewed: half the viewers in the first room
        var expected = result.Rooms.Sum(r => r.CommentsAcknowledged * r.Viewers);
        Assert.Equal(expected, result.Comments.Expected);
        Assert.Equal(expected, result.Comments.Delivered);
        Assert.Equal(0, result.Comments.Lost);
        Assert.Equal(0, result.Comments.Duplicates);
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task Soak_with_churn_replaces_leavers_and_loses_nothing(string mode)
    {
        var result = await Run(Small("soak", mode) with { ChurnPerSecond = 3 });

        Assert.True(result.Connections.LeftByChurn >= 6, $"only {result.Connections.LeftByChurn} viewers churned");
        Assert.Equal(30 + result.Connections.LeftByChurn, result.Connections.Attempted);
        Assert.Equal(result.Connections.Attempted, result.Connections.Established);
        Assert.Equal(0, result.Connections.Failed);
        // 5 % of 30 viewers rounds to one HLS player of the first room, which the load creator streams video into.
        Assert.Equal(1, result.Hls.Players);
        Assert.True(result.Hls.FramesStreamed > 0, "the load creator streamed no video");
        Assert.True(result.Hls.Requests >= 2, $"the HLS player made only {result.Hls.Requests} successful requests");
        Assert.Equal(0, result.Hls.Failed);
        Assert.True(result.Comments.Expected > 0);
        Assert.Equal(result.Comments.Expected, result.Comments.Delivered);
        Assert.Equal(0, result.Comments.Lost);
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task A_delivery_discarded_in_the_receive_path_is_reported_lost(string mode)
    {
        var result = await Run(Small("chatty-room", mode, viewers: 20) with { DiscardDeliveries = 3, LikesPerSecondPerRoom = 0 });

        var comments = result.Comments;
        Assert.Equal(comments.Acknowledged * 20, comments.Expected);
        Assert.Equal(3, comments.Lost);
        Assert.Equal(comments.Expected - 3, comments.Delivered);
        Assert.Equal(0, comments.Duplicates);
        AssertServerAgrees(result);
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("lean")]
    public async Task MessagePack_viewers_get_every_comment_and_gift_once(string mode)
    {
        var result = await Run(Small("gift-rush", mode) with { Protocol = "messagepack" });

        Assert.Equal(("messagepack", mode), (result.Efficiency.Protocol, result.Efficiency.ViewerMode));
        AssertAllConnected(result, 30);
        Assert.True(result.Comments.Acknowledged > 0);
        Assert.Equal(result.Comments.Acknowledged * 30, result.Comments.Delivered);
        Assert.Equal((0L, 0L), (result.Comments.Lost, result.Comments.Duplicates));
        var gifts = result.Events.Single(e => e.Type == "gift");
        Assert.True(gifts.Acknowledged > 0);
        Assert.Equal(gifts.Acknowledged * 30, gifts.Delivered);
        Assert.Equal(0, result.Events.Single(e => e.Type == "like").Lost);
        AssertServerAgrees(result);
    }

    [Fact]
    public async Task Lean_viewers_report_cpu_and_bytes_per_delivery()
    {
        var result = await Run(Small("chatty-room", "lean"));

        Assert.Equal("lean", result.Efficiency.ViewerMode);
        Assert.True(result.Efficiency.ClientCpuMsPer1000Deliveries > 0);
        Assert.True(result.Efficiency.ServerCpuMsPer1000Deliveries > 0);
        // A JSON comment frame is well over 50 bytes and (one comment per batch at most at this rate) under 2 KB.
        Assert.InRange(result.Efficiency.BytesPerDelivery!.Value, 50, 2000);
        Assert.Contains(result.Notes, n => n.StartsWith("viewers: lean", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_sends_nothing_still_holds_its_viewers_for_the_duration()
    {
        var result = await Run(Small("chatty-room", "lean", viewers: 10) with
        {
            CommentsPerSecondPerRoom = 0, LikesPerSecondPerRoom = 0, Duration = TimeSpan.FromSeconds(6), Drain = TimeSpan.Zero,
        });

        AssertAllConnected(result, 10);
        // Without the hold it ended after the ramp (setup, 0.1 s of ramp, no drain): well under the 6 s.
        Assert.True(result.Seconds >= 6, $"the run ended after {result.Seconds:0.0} s, before its 6 s --duration");
        Assert.Equal(0, result.Comments.Sent);
    }

    private static void AssertAllConnected(LoadResult result, int viewers)
    {
        Assert.Equal(viewers, result.Connections.Attempted);
        Assert.Equal(viewers, result.Connections.Established);
        Assert.Equal(0, result.Connections.Failed);
        // The notes say why a lean viewer closed; the next flake (once 1 of 40 in a lean run) should be explained.
        Assert.True(result.Connections.Dropped == 0, $"{result.Connections.Dropped} dropped: {string.Join("; ", result.Notes)}");
    }

    /// <summary>The room's own counters (GET /api/rooms/{id}) match what the tool says the server acknowledged.</summary>
    private static void AssertServerAgrees(LoadResult result)
    {
        Assert.Equal(result.Comments.Acknowledged, result.Rooms.Sum(r => r.CommentsAcknowledged));
        foreach (var room in result.Rooms)
        {
            Assert.Equal(room.CommentsAcknowledged, room.ServerComments);
            Assert.Equal(room.LikesAcknowledged, room.ServerLikes);
        }
    }
}
