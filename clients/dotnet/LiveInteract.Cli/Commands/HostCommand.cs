using System.CommandLine;
using System.Diagnostics;
using LiveInteract.Cli.Output;
using LiveInteract.Cli.Video;
using LiveInteract.Client;
using LiveInteract.Client.Auth;
using Spectre.Console;

namespace LiveInteract.Cli.Commands;

/// <summary>
/// <c>liveinteract host TITLE --video FILE</c>: creates a room, goes live, sets the filters and streams the
/// video's frames (JPEG, one binary WebSocket message each) to the room's ingest at the video's pace, then
/// ends the room when the video ends (or on Ctrl+C, or when the ingest fails).
/// </summary>
internal static class HostCommand
{
    public static Command Create()
    {
        var title = new Argument<string>("title") { Description = "Room title" };
        var video = new Option<FileInfo>("--video") { Description = "Video file to stream (anything ffmpeg reads)", Required = true };
        var filters = new Option<string[]>("--filters") { Description = "AR filters, e.g. \"beauty;sticker:asset=glasses\"", AllowMultipleArgumentsPerToken = false };
        var fps = new Option<double?>("--fps") { Description = "Frames per second to send (default: the video's own rate)" };
        var loop = new Option<bool>("--loop") { Description = "Start the video again at its end, until Ctrl+C" };
        var keepLive = new Option<bool>("--keep-live") { Description = "Leave the room live when the video ends" };
        var command = new Command("host", "Go live streaming a video file") { title, video, filters, fps, loop, keepLive };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            var file = parse.GetValue(video)!;
            if (!file.Exists) return CliContext.Fail($"video file not found: {file.FullName}");
            if (parse.GetValue(fps) is { } f && f is <= 0 or > 120) return CliContext.Fail("--fps must be between 0 and 120");
            var chain = FilterArguments.Parse(parse.GetValue(filters) ?? []);

            await using var client = await cli.SignInAsync(UserRole.Creator, ct);
            var room = await client.CreateRoomAsync(parse.GetValue(title)!, ct);
            await client.StartRoomAsync(room.RoomId, ct);
            if (cli.Json) cli.Out.Write(new HostLine("live", room.RoomId) { Title = room.Title }, CliJsonContext.Default.HostLine);
            else AnsiConsole.MarkupLine($"[red bold]● LIVE[/] [bold]{Markup.Escape(room.Title)}[/] as room [bold]{room.RoomId}[/]. Watch: liveinteract watch {room.RoomId} --server {cli.Server}");
            try
            {
                if (chain.Count > 0)
                {
                    await client.ConnectAsync(ct);
                    await client.SetFiltersAsync(room.RoomId, chain, ct);
                }
                var source = new FfmpegFrameSource(file.FullName) { Fps = parse.GetValue(fps), Realtime = true, Loop = parse.GetValue(loop) };
                var sent = await StreamAsync(cli, client, room.RoomId, source, ct);
                if (cli.Json)
                    cli.Out.Write(new HostLine("done", room.RoomId) { Frames = sent.Frames, Bytes = sent.Bytes, Seconds = sent.Seconds }, CliJsonContext.Default.HostLine);
                else AnsiConsole.MarkupLine($"Video ended: sent {sent.Frames} frames ({sent.Bytes / 1024} KiB) in {sent.Seconds:F1} s.");
            }
            finally
            {
                if (!parse.GetValue(keepLive))
                {
                    try { await client.EndRoomAsync(room.RoomId, CancellationToken.None); }
                    catch (Exception ex) { Console.Error.WriteLine($"warning: could not end room {room.RoomId}: {ex.Message}"); }
                }
            }
            return 0;
        }));
        return command;
    }

    private sealed record Sent(long Frames, long Bytes, double Seconds);

    private static async Task<Sent> StreamAsync(CliContext cli, LiveClient client, string roomId, FfmpegFrameSource source, CancellationToken ct)
    {
        var token = cli.Token ?? client.Token?.Token ?? throw new InvalidOperationException("no token to open the ingest with");
        await using var ingest = new IngestConnection();
        await ingest.ConnectAsync(IngestConnection.AddressFor(cli.Server, roomId, token), ct);
        long frames = 0, bytes = 0;
        var clock = Stopwatch.StartNew();

        async Task Pump(Action? onFrame)
        {
            await foreach (var jpeg in source.ReadFramesAsync(ct))
            {
                await ingest.SendFrameAsync(jpeg, ct);
                frames++;
                bytes += jpeg.Length;
                onFrame?.Invoke();
            }
            await ingest.CloseAsync(ct);
        }

        if (cli.Json)
        {
            await Pump(null);
        }
        else
        {
            await AnsiConsole.Live(Figures(0, 0, TimeSpan.Zero)).StartAsync(async live =>
            {
                var lastDraw = TimeSpan.Zero;
                await Pump(() =>
                {
                    if (clock.Elapsed - lastDraw < TimeSpan.FromMilliseconds(250)) return;
                    lastDraw = clock.Elapsed;
                    live.UpdateTarget(Figures(frames, bytes, clock.Elapsed));
                });
                live.UpdateTarget(Figures(frames, bytes, clock.Elapsed));
            });
        }
        return new Sent(frames, bytes, clock.Elapsed.TotalSeconds);
    }

    private static Table Figures(long frames, long bytes, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return new Table().AddColumns("Frames", "Frames/s", "KiB sent", "KiB/s", "Elapsed")
            .AddRow(frames.ToString(), (frames / seconds).ToString("F1"), (bytes / 1024).ToString(), (bytes / 1024 / seconds).ToString("F0"), elapsed.ToString(@"mm\:ss"));
    }
}
