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
/// video's frames (JPEG, one binary WebSocket message each) to the room's ingest at the video's pace; a dropped
/// ingest is opened again (<see cref="ReconnectingIngest"/>). It stops at the end of the file (or with <c>--loop</c>
/// never), after <c>--duration</c>, on Ctrl+C, or when the server ends the ingest or it cannot be reopened,
/// and then ends the room (unless <c>--keep-live</c>) and exits: a host that outlives its video would leave a
/// live room with no picture.
/// </summary>
internal static class HostCommand
{
    public static Command Create()
    {
        var title = new Argument<string>("title") { Description = "Room title" };
        var video = new Option<FileInfo>("--video") { Description = "Video file to stream (anything ffmpeg reads)", Required = true };
        var filters = new Option<string[]>("--filters") { Description = "AR filters, e.g. \"beauty;sticker:asset=glasses\"", AllowMultipleArgumentsPerToken = false };
        var fps = new Option<double?>("--fps") { Description = "Frames per second to send (default: the video's own rate)" };
        var loop = new Option<bool>("--loop") { Description = "Start the video again at its end, until Ctrl+C or --duration" };
        var duration = new Option<double?>("--duration") { Description = "Stop streaming after this many seconds (default: at the end of the video)" };
        var keepLive = new Option<bool>("--keep-live") { Description = "Leave the room live when the video ends" };
        var command = new Command("host", "Go live streaming a video file") { title, video, filters, fps, loop, duration, keepLive };
        command.SetAction(CliContext.Run(async (cli, parse, ct) =>
        {
            var file = parse.GetValue(video)!;
            if (!file.Exists) return CliContext.Fail($"video file not found: {file.FullName}");
            if (parse.GetValue(fps) is { } f && f is <= 0 or > 120) return CliContext.Fail("--fps must be between 0 and 120");
            var limit = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : (TimeSpan?)null;
            if (limit is { } l && (l <= TimeSpan.Zero || l > TimeSpan.FromDays(1))) return CliContext.Fail("--duration must be between 0 and 86400 seconds");
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
                var sent = await StreamAsync(cli, client, room.RoomId, source, limit, ct);
                var why = sent.DurationReached ? "duration reached" : "video ended";
                if (cli.Json)
                    cli.Out.Write(new HostLine("done", room.RoomId) { Frames = sent.Frames, Bytes = sent.Bytes, Seconds = sent.Seconds, Message = why }, CliJsonContext.Default.HostLine);
                else AnsiConsole.MarkupLine($"{(sent.DurationReached ? "Duration reached" : "Video ended")}: sent {sent.Frames} frames ({sent.Bytes / 1024} KiB) in {sent.Seconds:F1} s.");
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

    private sealed record Sent(long Frames, long Bytes, double Seconds, bool DurationReached);

    private static async Task<Sent> StreamAsync(CliContext cli, LiveClient client, string roomId, FfmpegFrameSource source, TimeSpan? limit, CancellationToken ct)
    {
        var token = cli.Token ?? client.Token?.Token ?? throw new InvalidOperationException("no token to open the ingest with");
        var status = "streaming";
        await using var ingest = new ReconnectingIngest(IngestConnection.AddressFor(cli.Server, roomId, token),
            onLost: reason =>
            {
                status = "reconnecting";
                if (cli.Json) cli.Out.Write(new HostLine("reconnecting", roomId) { Message = reason }, CliJsonContext.Default.HostLine);
                else Console.Error.WriteLine($"ingest lost ({reason}); reconnecting");
            },
            onResumed: () =>
            {
                status = "streaming";
                if (cli.Json) cli.Out.Write(new HostLine("resumed", roomId), CliJsonContext.Default.HostLine);
            });
        await ingest.ConnectAsync(ct);
        long frames = 0, bytes = 0;
        var clock = Stopwatch.StartNew();

        // --duration cancels only the frame loop; Ctrl+C (ct) cancels everything.
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (limit is { } l) timeUp.CancelAfter(l);
        var durationReached = false;

        async Task Pump(Action? onFrame)
        {
            try
            {
                await foreach (var jpeg in source.ReadFramesAsync(timeUp.Token))
                {
                    // Not timeUp: cancelling a WebSocket send aborts the socket, and the end should be a clean close.
                    await ingest.SendFrameAsync(jpeg, ct, stopReconnecting: timeUp.Token);
                    frames++;
                    bytes += jpeg.Length;
                    onFrame?.Invoke();
                }
            }
            catch (OperationCanceledException) when (timeUp.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                durationReached = true;
            }
            await ingest.CloseAsync(TimeSpan.FromSeconds(5), ct);
        }

        if (cli.Json)
        {
            await Pump(null);
        }
        else
        {
            await AnsiConsole.Live(Figures(0, 0, TimeSpan.Zero, status)).StartAsync(async live =>
            {
                var lastDraw = TimeSpan.Zero;
                await Pump(() =>
                {
                    if (clock.Elapsed - lastDraw < TimeSpan.FromMilliseconds(250)) return;
                    lastDraw = clock.Elapsed;
                    live.UpdateTarget(Figures(frames, bytes, clock.Elapsed, status));
                });
                live.UpdateTarget(Figures(frames, bytes, clock.Elapsed, status));
            });
        }
        return new Sent(frames, bytes, clock.Elapsed.TotalSeconds, durationReached);
    }

    private static Table Figures(long frames, long bytes, TimeSpan elapsed, string status)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return new Table().AddColumns("Ingest", "Frames", "Frames/s", "KiB sent", "KiB/s", "Elapsed")
            .AddRow(status, frames.ToString(), (frames / seconds).ToString("F1"), (bytes / 1024).ToString(), (bytes / 1024 / seconds).ToString("F0"), elapsed.ToString(@"mm\:ss"));
    }
}
