using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OpenCvSharp;

namespace LiveInteract.Server.Tests;

/// <summary>
/// Gift-triggered face effects end to end: a real creator camera (WebSocket ingest of a real photograph), a real viewer
/// sending a real paid gift over SignalR, and the room's MJPEG preview read over HTTP.
/// </summary>
public sealed class GiftEffectTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    // A head-and-shoulders portrait from opencv-doc (434x434, face about 180 px around (205, 185)).
    private const string PortraitPath = "/usr/share/doc/opencv-doc/opencv4/html/227943776_1.jpg";
    private static readonly Rect FaceRegion = new(115, 95, 180, 180);

    private LiveServer Server => fixture.Server;

    private static Dictionary<string, string> Options(params (string Key, string Value)[] options) => options.ToDictionary(o => o.Key, o => o.Value);

    private async Task<string> CheapestGift()
    {
        using var http = Server.Http();
        return (await http.GetFromJsonAsync<List<Gift>>("api/gifts"))!.OrderBy(g => g.Coins).First().Id;
    }

    [Fact]
    public async Task A_gift_mapped_to_a_sticker_changes_the_face_in_the_next_mjpeg_frames_and_viewers_see_who_triggered_it()
    {
        var creator = await Server.SignIn("Fx creator", "creator");
        var room = await Server.CreateLiveRoom(creator, "Effects");
        var giftId = await CheapestGift();
        await using var creatorHub = await Server.Connect(creator);
        await creatorHub.InvokeAsync(HubMethods.SetGiftEffects, room.RoomId,
            new[] { new GiftEffect(giftId, new FilterSpec("sticker", Options(("asset", "glasses"))), 5) });

        // The creator's camera: the photograph, 25 times a second.
        var photo = await File.ReadAllBytesAsync(PortraitPath);
        await using var camera = await TestCamera.Start(Server.BaseAddress, room.RoomId, creator.Token, [photo]);

        using var http = Server.Http();
        using var preview = await http.GetAsync($"rooms/{room.RoomId}/preview.mjpeg", HttpCompletionOption.ResponseHeadersRead);
        var mjpeg = new MjpegReader(await preview.Content.ReadAsStreamAsync());
        using var before = Cv2.ImDecode(await mjpeg.Next(), ImreadModes.Color);
        using (var second = Cv2.ImDecode(await mjpeg.Next(), ImreadModes.Color))
        {
            Assert.Equal(new Size(434, 434), before.Size());
            Assert.True(ChangedPixels(before, second, FaceRegion) < 100, "without a gift the photograph's face stays as it is");
        }

        var viewer = await Server.SignIn("Generous Gus");
        using (var wallet = Server.Http(viewer.Token)) (await wallet.PostAsJsonAsync("api/wallet/topup", new { coins = 100 })).EnsureSuccessStatusCode();
        await using var viewerHub = await Server.Connect(viewer);
        var seen = new HubRecorder(viewerHub);
        await viewerHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await viewerHub.InvokeAsync<GiftReceipt>(HubMethods.SendGift, room.RoomId, giftId, 1, Guid.NewGuid().ToString("N"));

        // Every viewer is told who triggered what.
        var effect = await Eventually.Value(() => seen.Events.OfType<EffectEvent>().FirstOrDefault(), e => e is not null, "the effect event");
        Assert.Equal((giftId, viewer.UserId, "Generous Gus", "sticker", 5), (effect!.GiftId, effect.UserId, effect.DisplayName, effect.Filter.Kind, effect.Seconds));

        // The next frames: within a few seconds one has glasses on the face.
        var changed = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (changed < FaceRegion.Width * FaceRegion.Height / 20 && DateTime.UtcNow < deadline)
        {
            using var frame = Cv2.ImDecode(await mjpeg.Next(), ImreadModes.Color);
            changed = ChangedPixels(before, frame, FaceRegion);
        }
        Assert.True(changed >= FaceRegion.Width * FaceRegion.Height / 20, $"the sticker changed only {changed} face pixels; media: {(await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null)).Media}");

        // The mapping is part of the room.
        var snapshot = await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        Assert.Equal(giftId, Assert.Single(snapshot.GiftEffects!).GiftId);
    }

    [Fact]
    public async Task Bad_mappings_and_non_creators_are_refused_with_stable_messages_and_nothing_changes()
    {
        var creator = await Server.SignIn("Careful creator", "creator");
        var room = await Server.CreateLiveRoom(creator, "Refusals");
        var giftId = await CheapestGift();
        await using var creatorHub = await Server.Connect(creator);
        var good = new GiftEffect(giftId, new FilterSpec("look", Options(("name", "warm"))), 4);
        await creatorHub.InvokeAsync(HubMethods.SetGiftEffects, room.RoomId, new[] { good });
        var seen = new HubRecorder(creatorHub);
        await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        var sticker = new FilterSpec("sticker", Options(("asset", "glasses")));
        var cases = new (string Why, object Effects, string Message)[]
        {
            ("unknown gift", new[] { new GiftEffect("no-such-gift", sticker, 5) }, "gift effect 1: unknown gift 'no-such-gift'"),
            ("blur is not an effect", new[] { new GiftEffect(giftId, new FilterSpec("blur"), 5) }, "gift effect 1: a gift effect's filter must be one of sticker, look, overlay"),
            ("unknown sticker", new[] { new GiftEffect(giftId, new FilterSpec("sticker", Options(("asset", "unicorn"))), 5) }, "gift effect 1: sticker option 'asset' must be one of glasses, hat, crown, ears, mustache (got 'unicorn')."),
            ("0 seconds", new[] { new GiftEffect(giftId, sticker, 0) }, "gift effect 1: seconds must be from 1 to 30"),
            ("31 seconds", new[] { new GiftEffect(giftId, sticker, 31) }, "gift effect 1: seconds must be from 1 to 30"),
            ("the same gift twice", new[] { new GiftEffect(giftId, sticker, 5), new GiftEffect(giftId, sticker, 6) }, $"gift effect 2: gift '{giftId}' is mapped twice"),
            ("eleven mappings", Enumerable.Range(0, 11).Select(_ => new GiftEffect(giftId, sticker, 5)).ToArray(), "at most 10 gift effects (got 11)"),
            ("no list", (GiftEffect[])null!, "effects are required (an empty list clears them)"),
        };
        foreach (var (why, effects, message) in cases)
        {
            var ex = await Assert.ThrowsAsync<HubException>(() => creatorHub.InvokeCoreAsync(HubMethods.SetGiftEffects, [room.RoomId, effects]));
            Assert.True(ex.Message.Contains(message, StringComparison.Ordinal), $"{why}: {ex.Message}");
        }

        var viewer = await Server.SignIn("Not the creator");
        await using var viewerHub = await Server.Connect(viewer);
        var refused = await Assert.ThrowsAsync<HubException>(() => viewerHub.InvokeAsync(HubMethods.SetGiftEffects, room.RoomId, Array.Empty<GiftEffect>()));
        Assert.Contains("only the room's creator can do that", refused.Message, StringComparison.Ordinal);

        // Nothing changed and nothing was announced: a marker comment is the next event after the join.
        var marker = await creatorHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker");
        await seen.UntilComment("marker");
        Assert.DoesNotContain(seen.Events, e => e is GiftEffectsChangedEvent);
        var snapshot = await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, marker.Seq);
        var stored = Assert.Single(snapshot.GiftEffects!);
        Assert.Equal((good.GiftId, "look", "warm", 4), (stored.GiftId, stored.Filter.Kind, stored.Filter.Options!["name"], stored.Seconds));

        // Setting the same mapping again is not a change either; clearing it is.
        await creatorHub.InvokeAsync(HubMethods.SetGiftEffects, room.RoomId, new[] { good });
        await creatorHub.InvokeAsync(HubMethods.SetGiftEffects, room.RoomId, Array.Empty<GiftEffect>());
        var cleared = await Eventually.Value(() => seen.Events.OfType<GiftEffectsChangedEvent>().ToList(), l => l.Count > 0, "the cleared mapping");
        Assert.Empty(Assert.Single(cleared).Effects);
    }

    private static int ChangedPixels(Mat a, Mat b, Rect region)
    {
        using var ra = new Mat(a, region);
        using var rb = new Mat(b, region);
        using var diff = new Mat();
        Cv2.Absdiff(ra, rb, diff);
        using var grey = new Mat();
        Cv2.CvtColor(diff, grey, ColorConversionCodes.BGR2GRAY);
        using var mask = new Mat();
        Cv2.Threshold(grey, mask, 12, 255, ThresholdTypes.Binary); // above JPEG noise
        return Cv2.CountNonZero(mask);
    }

    /// <summary>Reads the parts of a <c>multipart/x-mixed-replace</c> stream by their Content-Length.</summary>
    private sealed class MjpegReader(Stream stream)
    {
        public async Task<byte[]> Next()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var length = -1;
            while (true)
            {
                var line = await ReadLine(timeout.Token);
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                else if (line.Length == 0 && length >= 0) break;
            }
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, timeout.Token);
            return body;
        }

        private async Task<string> ReadLine(CancellationToken ct)
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                await stream.ReadExactlyAsync(one, ct);
                if (one[0] == '\n') return line.ToString().TrimEnd('\r');
                line.Append((char)one[0]);
            }
        }
    }
}
