using System.Net.WebSockets;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Admission;
using LiveInteract.Media.Pipeline;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Media;

/// <summary>
/// <c>/rooms/{roomId}/ingest</c>: the creator of a live room sends JPEG frames as binary WebSocket messages.
/// Refusals before the upgrade are HTTP statuses; during the stream, a frame that breaks the protocol closes the
/// socket with a status naming why, and a damaged frame is counted and dropped (many in a row close it too).
/// </summary>
public static class IngestEndpoint
{
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.Map("/rooms/{roomId}/ingest", Ingest).RequireAuthorization().WithTags("Video").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Ingest(string roomId, HttpContext http, IGrainFactory grains, RoomMediaRegistry media,
        IOptions<MediaOptions> options, ILoggerFactory loggers, IHostApplicationLifetime lifetime, LiveInteract.Server.Relays.RoomRelayRegistry relays)
    {
        if (!http.WebSockets.IsWebSocketRequest) return Problem(StatusCodes.Status400BadRequest, "ingest is a WebSocket");
        RoomIds.Validate(roomId);
        var actor = http.User.ToActor();
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var snapshot = await room.GetSnapshot(afterSeq: null, upToSeq: 0);
        if (snapshot.CreatorId != actor.UserId) return Problem(StatusCodes.Status403Forbidden, "only the room's creator can stream");
        if (snapshot.Status != RoomStatus.Live) return Problem(StatusCodes.Status409Conflict, snapshot.Status == RoomStatus.Ended ? "room has ended" : "room is not live yet");
        var started = media.TryStartIngest(roomId, actor.UserId, snapshot.Filters);
        switch (started.Refusal)
        {
            case IngestRefusal.RoomBusy:
                return Problem(StatusCodes.Status409Conflict, "the room already has an ingest");
            case IngestRefusal.CreatorLimit:
                return Problem(StatusCodes.Status429TooManyRequests, $"you are already streaming {options.Value.MaxIngestsPerCreator} room(s); end one first");
            case IngestRefusal.SiloFull:
                http.Response.Headers.RetryAfter = "30";
                return Problem(StatusCodes.Status503ServiceUnavailable, $"this server is streaming its maximum of {options.Value.MaxIngestsPerSilo} rooms; try again later");
        }
        var pipeline = started.Pipeline!;

        var logger = loggers.CreateLogger(typeof(IngestEndpoint));
        // Gift effects reach the pipeline as room events: the listener subscribes like a relay, renewed on every sync.
        var listener = new RoomEffectListener(pipeline);
        var listenerRef = grains.CreateObjectReference<IRoomFanout>(listener);
        var listenerKey = RoomEffectListener.SubscriptionKey(relays.SiloId);
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            // A shutting-down server tells the creator's client to reopen elsewhere (1001) rather than hold the
            // shutdown open until Kestrel's timeout; the client's next frame sees the close and the receive loop ends.
            using var goingAway = lifetime.ApplicationStopping.Register(() => _ = SayGoingAway(socket));
            await room.Subscribe(listenerKey, listenerRef);
            var sync = SyncWithRoom(room, pipeline, () => media.Clips.Recent(roomId), snapshot.Filters, options.Value.SyncInterval, socket,
                () => room.Subscribe(listenerKey, listenerRef), stop.Token);
            await ReceiveFrames(socket, pipeline, options.Value.MaxBadFramesInARow, stop.Token);
            await stop.CancelAsync();
            await sync;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            logger.LogInformation("Ingest for {RoomId} ended: {Reason}", roomId, ex.Message);
        }
        finally
        {
            // Best effort: a room that cannot be reached now drops the subscription itself when a send to it fails.
            try { await room.Unsubscribe(listenerKey); }
            catch (Exception ex) { logger.LogInformation("Ingest for {RoomId} could not unsubscribe its effect listener: {Reason}", roomId, ex.Message); }
            grains.DeleteObjectReference<IRoomFanout>(listenerRef);
            // Orleans holds an observer weakly: the listener must stay reachable for as long as the stream runs.
            GC.KeepAlive(listener);
            await room.ReportMedia(Status(pipeline, ingesting: false, media.Clips.Recent(roomId)));
            await media.EndIngest(roomId, pipeline);
        }
        return Results.Empty;
    }

    private static async Task ReceiveFrames(WebSocket socket, RoomPipeline pipeline, int maxBadInARow, CancellationToken ct)
    {
        var limit = FrameLimits.Default.MaxBytes;
        var buffer = new byte[limit + 1];
        var badInARow = 0;
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    await Close(socket, WebSocketCloseStatus.MessageTooBig, $"frame over {limit} bytes", ct);
                    return;
                }
                result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                length += result.Count;
            } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await Close(socket, WebSocketCloseStatus.NormalClosure, "bye", ct);
                return;
            }
            if (result.MessageType != WebSocketMessageType.Binary)
            {
                await Close(socket, WebSocketCloseStatus.InvalidMessageType, "frames are binary JPEG messages", ct);
                return;
            }
            var verdict = pipeline.Submit(buffer.AsMemory(0, length));
            switch (verdict.Reason)
            {
                case FrameRejectReason.None:
                    badInARow = 0;
                    break;
                case FrameRejectReason.TooLarge:
                    await Close(socket, WebSocketCloseStatus.MessageTooBig, $"frame over {limit} bytes", ct);
                    return;
                case FrameRejectReason.DimensionsTooLarge:
                    await Close(socket, WebSocketCloseStatus.PolicyViolation,
                        $"frame {verdict.Width}x{verdict.Height} is over {FrameLimits.Default.MaxWidth}x{FrameLimits.Default.MaxHeight}", ct);
                    return;
                case FrameRejectReason.NotJpeg:
                    await Close(socket, WebSocketCloseStatus.InvalidPayloadData, "frames must be JPEG", ct);
                    return;
                case FrameRejectReason.PipelineStopped: // only this server's shutdown stops a pipeline under a running ingest
                    await Close(socket, WebSocketCloseStatus.EndpointUnavailable, "server is shutting down", ct);
                    return;
                default: // empty, truncated, corrupt: counted by the pipeline and dropped; a flaky network can cut one frame
                    if (++badInARow >= maxBadInARow)
                    {
                        await Close(socket, WebSocketCloseStatus.InvalidPayloadData, $"{badInARow} damaged frames in a row", ct);
                        return;
                    }
                    break;
            }
        }
    }

    /// <summary>Follows the room: applies filter changes, keeps the effect listener subscribed, closes the stream when the room ends, reports health.</summary>
    private static async Task SyncWithRoom(IRoomGrain room, RoomPipeline pipeline, Func<IReadOnlyList<ClipInfo>> clips, IReadOnlyList<FilterSpec> filters,
        TimeSpan interval, WebSocket socket, Func<Task> resubscribe, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await room.ReportMedia(Status(pipeline, ingesting: true, clips()));
                await resubscribe(); // a room that restarted or moved forgot the listener; this re-attaches it
                var snapshot = await room.GetSnapshot(afterSeq: null, upToSeq: 0);
                if (snapshot.Status == RoomStatus.Ended)
                {
                    // The stream did its job (1000): unlike 1001, which says this server is going away, it is not worth reopening.
                    await Close(socket, WebSocketCloseStatus.NormalClosure, "room has ended", CancellationToken.None);
                    return;
                }
                if (!snapshot.Filters.SequenceEqual(filters))
                {
                    filters = snapshot.Filters;
                    try { pipeline.SetFilters(filters); }
                    catch (LiveInteract.Media.Filters.InvalidFilterException) { } // validated by the hub; an old invalid chain keeps the last good one
                }
            } while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) { }
    }

    private static async Task SayGoingAway(WebSocket socket)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server is shutting down", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException) { } // already gone
    }

    internal static MediaStatus Status(RoomPipeline pipeline, bool ingesting, IReadOnlyList<ClipInfo>? clips = null)
    {
        var stats = pipeline.GetStats();
        return new MediaStatus(ingesting, stats.FramesIn, stats.FramesProcessed, stats.FramesRejected, stats.FramesDropped,
            stats.Hls?.Status.ToString() ?? "Off", stats.Hls?.LastError ?? stats.LastError, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            clips is { Count: > 0 } ? clips : null);
    }

    private static async Task Close(WebSocket socket, WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await socket.CloseAsync(status, reason, ct);
    }

    private static IResult Problem(int status, string title) =>
        Results.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = status switch
        {
            403 => "forbidden",
            409 => "conflict",
            429 => "rate_limited",
            503 => "unavailable",
            _ => "bad_request",
        } });
}
