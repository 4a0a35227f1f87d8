using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using System.Net.Http.Json;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Moderation;

public sealed class ModerationActionTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_banned_viewer_is_cut_off_within_a_second_on_every_connection_and_cannot_come_back()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var troll = await Server.SignIn("Troll");
        var (phone, phoneSees) = await Server.Joined(troll, room.RoomId);
        var (laptop, _) = await Server.Joined(troll, room.RoomId);
        await using var _p = phone;
        await using var _l = laptop;
        var phoneKicks = phone.RecordKicks();
        var laptopKicks = laptop.RecordKicks();
        var (fan, fanSees) = await Server.Joined(await Server.SignIn("Fan"), room.RoomId);
        await using var _f = fan;
        await using var owner = await Server.Connect(creator);

        var banned = Stopwatch.StartNew();
        await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
        await Eventually.Until(() => !phoneKicks.IsEmpty && !laptopKicks.IsEmpty, "both connections kicked", TimeSpan.FromSeconds(5));
        Assert.InRange(banned.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(room.RoomId, phoneKicks.Single().RoomId);
        await Eventually.Until(() => fanSees.Events.OfType<UserBannedEvent>().Any(e => e.TargetUserId == troll.UserId), "the ban event");

        // Cut off: no more events reach the banned connections, and every way back in is refused.
        await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "after the ban");
        await Eventually.Until(() => fanSees.Comments.Any(c => c.Text == "after the ban"), "the fan sees the next comment");
        Assert.EndsWith("you are banned from this room", await phone.Refused(HubMethods.SendComment, room.RoomId, "let me in"));
        // The fan got the comment, so a push to the phone would have been queued already; one connection's messages
        // are ordered, so it would have arrived before the answer to the call above.
        Assert.DoesNotContain(phoneSees.Comments, c => c.Text == "after the ban");
        Assert.EndsWith("you are banned from this room", await phone.Refused(HubMethods.SendLike, room.RoomId, 5));
        Assert.EndsWith("you are banned from this room", await phone.Refused(HubMethods.JoinRoom, room.RoomId, null));
        await using var fresh = await Server.Connect(troll);
        Assert.EndsWith("you are banned from this room", await fresh.Refused(HubMethods.JoinRoom, room.RoomId, null));
        Assert.Equal(HubConnectionState.Connected, phone.State); // only the room is closed to them, not the server

        // Unban lets them back.
        await owner.InvokeAsync(HubMethods.UnbanUser, room.RoomId, troll.UserId);
        await fresh.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await fresh.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "sorry");
    }

    [Fact]
    public async Task Deleting_a_comment_tells_viewers_which_one_and_scrubs_it_from_replay()
    {
        var creator = await Server.SignIn("Host2", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var (viewer, viewerSees) = await Server.Joined(await Server.SignIn("Writer"), room.RoomId);
        await using var _ = viewer;
        var receipt = await viewer.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "something rude");
        await using var owner = await Server.Connect(creator);

        await owner.InvokeAsync(HubMethods.DeleteComment, room.RoomId, receipt.CommentId);

        await Eventually.Until(() => viewerSees.Events.OfType<CommentDeletedEvent>().Any(), "comment_deleted");
        var deleted = viewerSees.Events.OfType<CommentDeletedEvent>().Single();
        Assert.Equal(receipt.CommentId, deleted.CommentId);
        Assert.Equal(creator.UserId, deleted.UserId);
        using var http = Server.Http(creator.Token);
        var snapshot = await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}?lastSeq=0");
        Assert.DoesNotContain(snapshot!.Events.OfType<CommentEvent>(), c => c.Text.Contains("rude", StringComparison.Ordinal));
        Assert.EndsWith("comment not found", await owner.Refused(HubMethods.DeleteComment, room.RoomId, "c999999"));
    }

    [Fact]
    public async Task Slow_mode_allows_one_comment_per_interval_per_viewer()
    {
        var creator = await Server.SignIn("Host3", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var owner = await Server.Connect(creator);
        var (a, aSees) = await Server.Joined(await Server.SignIn("Quick"), room.RoomId);
        var (b, _) = await Server.Joined(await Server.SignIn("Other"), room.RoomId);
        await using var _a = a;
        await using var _b = b;

        await owner.InvokeAsync(HubMethods.SetSlowMode, room.RoomId, 2);
        await Eventually.Until(() => aSees.Events.OfType<SlowModeEvent>().Any(e => e.Seconds == 2), "slow_mode event");
        await a.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "one");
        Assert.EndsWith("slow mode: wait 2 seconds", await a.Refused(HubMethods.SendComment, room.RoomId, "two"));
        await b.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "b is separate"); // per user
        await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "owner is exempt");
        await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "owner again");

        // Turning slow mode off lifts it at once. How long it lasts when left on is checked on a fake clock in
        // Grains.Tests (ModerationClockTests), not by waiting seconds out here.
        await owner.InvokeAsync(HubMethods.SetSlowMode, room.RoomId, 0);
        await a.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "two, later");
    }

    [Fact]
    public async Task A_muted_viewer_is_refused_with_a_clear_message_until_the_mute_is_lifted()
    {
        var creator = await Server.SignIn("Host4", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var owner = await Server.Connect(creator);
        var loud = await Server.SignIn("Loud");
        var (hub, _) = await Server.Joined(loud, room.RoomId);
        await using var _h = hub;
        var (watcher, watcherSees) = await Server.Joined(await Server.SignIn("Watcher"), room.RoomId);
        await using var _w = watcher;

        await owner.InvokeAsync(HubMethods.MuteUser, room.RoomId, loud.UserId, 60);
        var muted = await hub.Refused(HubMethods.SendComment, room.RoomId, "can you hear me");
        Assert.Matches("you are muted in this room for (60|59) more seconds$", muted);
        await Eventually.Until(() => watcherSees.Events.OfType<UserMutedEvent>().Any(e => e.TargetUserId == loud.UserId), "user_muted");
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null); // muted users still watch
        // A mute of 0 seconds ends it at once. A mute running out on time is checked on a fake clock in Grains.Tests
        // (ModerationClockTests), not by waiting seconds out here.
        await owner.InvokeAsync(HubMethods.MuteUser, room.RoomId, loud.UserId, 0);
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "back");
        await Eventually.Until(() => watcherSees.Comments.Any(c => c.Text == "back"), "the comment after the mute");
        Assert.DoesNotContain(watcherSees.Comments, c => c.Text == "can you hear me");
    }

    [Fact]
    public async Task The_keyword_filter_catches_common_evasions_and_leaves_innocent_words_alone()
    {
        var creator = await Server.SignIn("Host5", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var owner = await Server.Connect(creator);
        await owner.InvokeAsync(HubMethods.SetBlockedWords, room.RoomId, new[] { "scam", "Bad Word" });

        string[] evasions =
        [
            "SCAM", "total Scam!", "scäm", "ŝçàm", "s c a m", "s.c.a.m", "s-c_a*m", "ｓｃａｍ", "ＳＣＡＭ here",
            "s\u200Bc\u200Dam", "5c4m", "$c@m", "ѕсаm", "b a d w o r d", "BADWORD", "bad.word", "ＢＡＤ ｗｏｒｄ", "bädwörd",
        ];
        string[] innocent = ["scampi for dinner", "a scamper", "ascam", "bad words are not this", "hello"];

        // Each evasion from a fresh viewer: the per-connection comment limit is not what is tested here.
        foreach (var text in evasions)
        {
            await using var hub = await Server.Connect(await Server.SignIn("Tester"));
            Assert.EndsWith("comment contains a blocked word", await hub.Refused(HubMethods.SendComment, room.RoomId, text));
        }
        foreach (var text in innocent)
        {
            await using var hub = await Server.Connect(await Server.SignIn("Tester"));
            await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, text);
        }
    }

    [Fact]
    public async Task Xss_bidi_and_zero_width_payloads_come_out_as_clean_plain_text()
    {
        var creator = await Server.SignIn("Ho\u202Est\u200B", "creator");
        Assert.Equal("Host", creator.Name);
        var room = await Server.CreateLiveRoom(creator, "My\u200B \u2067room\u2069\u0000");
        Assert.Equal("My room", room.Title);
        var writer = await Server.SignIn("<img src=x onerror=alert(1)>\u2066");
        Assert.Equal("<img src=x onerror=alert(1)>", writer.Name);
        var (hub, sees) = await Server.Joined(writer, room.RoomId);
        await using var _ = hub;

        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "<script>alert('x')</script>\u202Egnp.exe\u200B\uFEFF\u0007 ok");

        await Eventually.Until(() => sees.Comments.Count == 1, "the comment");
        var comment = sees.Comments.Single();
        Assert.Equal("<script>alert('x')</script>gnp.exe ok", comment.Text);
        Assert.Equal("<img src=x onerror=alert(1)>", comment.DisplayName);
        Assert.DoesNotContain(comment.Text, c => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control);
    }
}
