using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Grains;
using LiveInteract.Contracts.Rooms;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Demo;

/// <summary>
/// Keeps a live demo room with simulated chatter, so a newcomer who opens the server sees events flowing.
/// The bots go through the same grain calls as real viewers (their likes arrive as one more silo's report).
/// </summary>
public sealed class DemoRoomService(IGrainFactory grains, IOptions<DemoOptions> options, ILogger<DemoRoomService> logger) : BackgroundService
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

    private static async Task EnsureLive(IRoomGrain room, DemoOptions demo)
    {
        try { await room.Create(Creator, demo.Title); }
        catch (LiveInteractException ex) when (ex.Code == ErrorCodes.Conflict) { } // it survived a restart
        var snapshot = await room.GetSnapshot(null, null);
        if (snapshot.Status != RoomStatus.Ended) await room.Start(Creator);
    }
}
