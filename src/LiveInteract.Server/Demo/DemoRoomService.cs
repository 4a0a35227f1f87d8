using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Sources;
using LiveInteract.Server.Media;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Demo;

/// <summary>
/// Keeps a live demo room with simulated chatter, so a newcomer who opens the server sees events flowing.
/// The bots go through the same grain calls as real viewers (their likes arrive as one more silo's report).
/// </summary>
public sealed class DemoRoomService(IGrainFactory grains, RoomMediaRegistry media, IOptions<DemoOptions> options, ILogger<DemoRoomService> logger) : BackgroundService
{
    public static readonly Actor Creator = new("demo-creator", "Demo Creator");

    private static readonly string[] Names = ["Mia", "Leo", "Aiko", "Sam", "Noor", "Jonas", "Priya", "Mateo", "Zoe", "Kwame"];
    private static readonly string[] Lines =
    [
        "hi from Lisbon 👋", "first time here!", "love this stream", "what camera is that?", "the crown filter 😂",
        "hello everyone", "🔥🔥🔥", "can you say hi to my sister?", "how long have you been live?", "greetings from Osaka",
        "this is so chill", "wave if you see me", "the colours are amazing today", "❤️❤️", "where is this?",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var room = grains.GetGrain<IRoomGrain>(demo.RoomId);
        try
        {
            await EnsureLive(room, demo);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The demo room could not start");
            return;
        }
        logger.LogInformation("Demo room {RoomId} is live", demo.RoomId);
        var video = StreamVideo(room, demo.RoomId, stoppingToken);
        var random = new Random();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(demo.CommentInterval.TotalMilliseconds * (0.5 + random.NextDouble())), stoppingToken);
                var name = Names[random.Next(Names.Length)];
                await room.SendComment(new Actor($"demo-{name.ToLowerInvariant()}", name), Lines[random.Next(Lines.Length)]);
                await room.ReportSilo("demo-bots", 0, random.Next(1, 12));
            }
            catch (OperationCanceledException) { break; }
            catch (LiveInteractException ex) when (ex.Code == ErrorCodes.RoomEnded)
            {
                logger.LogInformation("The demo room was ended; the bots stop");
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Demo chatter failed; retrying");
            }
        }
    }

    /// <summary>A real video from opencv-doc through the room's filters, as if a creator's camera sent it.</summary>
    private async Task StreamVideo(IRoomGrain room, string roomId, CancellationToken ct)
    {
        var path = VideoFileSource.FindSampleVideo();
        if (path is null)
        {
            logger.LogWarning("No sample video found (install opencv-doc): the demo room has no video");
            return;
        }
        var snapshot = await room.GetSnapshot(null, 0);
        if (snapshot.Filters.Count == 0)
        {
            await room.SetFilters(Creator, DemoFilters);
            snapshot = await room.GetSnapshot(null, 0);
        }
        var pipeline = media.TryStartIngest(roomId, Creator.UserId, snapshot.Filters).Pipeline;
        if (pipeline is null) return; // streaming here already, or the silo is at its ingest cap
        try
        {
            using var source = new VideoFileSource(path, new VideoFileSourceOptions(Fps: 20, Width: 640, Height: 480));
            var reported = DateTime.UtcNow;
            await foreach (var jpeg in source.ReadFramesAsync(ct))
            {
                pipeline.Submit(jpeg);
                if (DateTime.UtcNow - reported < TimeSpan.FromSeconds(2)) continue;
                reported = DateTime.UtcNow;
                await room.ReportMedia(IngestEndpoint.Status(pipeline, ingesting: true, media.Clips.Recent(roomId)));
                var filters = (await room.GetSnapshot(null, 0)).Filters;
                if (!filters.SequenceEqual(pipeline.GetStats().Filters)) pipeline.SetFilters(filters);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            logger.LogError(ex, "The demo video stopped");
        }
        finally
        {
            await media.EndIngest(roomId, pipeline);
        }
    }

    private static readonly FilterSpec[] DemoFilters =
    [
        new("sticker", new Dictionary<string, string> { ["asset"] = "crown" }),
        new("beauty", new Dictionary<string, string> { ["strength"] = "0.5" }),
        new("look", new Dictionary<string, string> { ["name"] = "warm" }),
        new("overlay", new Dictionary<string, string> { ["text"] = "LiveInteract demo", ["position"] = "bottom", ["icon"] = "heart" }),
    ];

    private static async Task EnsureLive(IRoomGrain room, DemoOptions demo)
    {
        try { await room.Create(Creator, demo.Title); }
        catch (LiveInteractException ex) when (ex.Code == ErrorCodes.Conflict) { } // it survived a restart
        var snapshot = await room.GetSnapshot(null, null);
        if (snapshot.Status != RoomStatus.Ended) await room.Start(Creator);
    }
}
