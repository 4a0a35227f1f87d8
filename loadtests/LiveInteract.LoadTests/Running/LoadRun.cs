using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LiveInteract.Client;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Connection;
using LiveInteract.LoadTests.Running.Lean;
using LiveInteract.LoadTests.Hosting;
using LiveInteract.LoadTests.Reporting;

namespace LiveInteract.LoadTests.Running;

/// <summary>What the live progress view shows once a second.</summary>
public sealed record ProgressView(string Target, string Phase, double Seconds, long Attempted, long Established, long Failed, long Dropped,
    long Delivered, long DeliveriesPerSecond, double P99Ms, double ClientCpuPercent);

/// <summary>
/// One scenario against one target: ramp viewers up, send for the duration, drain, then count what every viewer
/// got against what it should have got. Stops by itself.
/// </summary>
public sealed class LoadRun(LoadSettings settings, Uri baseUrl, string target, ServerProcess? server = null, Action<ProgressView>? progress = null)
{
    private static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(1);
    private readonly RunCounters _counters = new();
    private readonly ConcurrentDictionary<int, IViewer> _viewers = new();
    private readonly ConcurrentBag<IViewer> _departed = [];
    private LeanReceiveLoops? _lean;
    /// <summary>Lean viewers' sign-ins, shared by every run in the process (one connection pool, 64 connections per server).</summary>
    private static readonly HttpClient SignInClient = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) };
    /// <summary>Initial viewer index -> sends (the first SendersPerRoom viewers of each room); senders are always SDK clients.</summary>
    private bool[] _sender = [];
    /// <summary>The viewer whose receive path drops <see cref="LoadSettings.DiscardDeliveries"/>: the first one of the run's viewer kind (in lean mode the first lean viewer, not a sender).</summary>
    private int _discardIndex;
    /// <summary>Why connects failed, counted per message (at most <see cref="MaxReasons"/> distinct ones), for the report's notes.</summary>
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private const int MaxReasons = 10;
    private readonly List<Sample> _samples = [];
    private readonly List<string> _notes = [];
    private CommentLedger _ledger = new(1);
    private string _phase = "starting";
    private int _nextIndex;
    private long[] _likesPerRoom = [];
    private int _hlsPlayers;

    public async Task<LoadResult> Execute(CancellationToken cancellationToken = default)
    {
        settings.Validate();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await using var creator = new LiveClient(new LiveClientOptions { ServerUrl = baseUrl });
        var isLiveInteract = await IsLiveInteract(http, cancellationToken);
        var roomIds = await CreateRooms(creator, isLiveInteract, cancellationToken);
        _likesPerRoom = new long[roomIds.Length];
        // The cheapest gift, read once: every gift of the run sends it (null: the target has no gifts).
        var gift = isLiveInteract && await Answers(http, creator, "api/gifts", cancellationToken)
            && await creator.GetGiftsAsync(cancellationToken) is [var cheapest, ..] ? cheapest : null;
        var giftsSupported = gift is not null;
        await using var video = settings.HlsFraction > 0 && isLiveInteract ? await StartVideo(http, creator, roomIds[0], cancellationToken) : null;
        var hlsSupported = video is not null;
        if (settings.GiftsPerSecondPerRoom > 0 && !giftsSupported)
            _notes.Add(settings.Preset == "gift-rush"
                ? "gifts: not supported by target (no /api/gifts); gift-rush ran with comments and likes only"
                : "gifts: not supported by target (no /api/gifts); no gifts sent");
        if (settings.HlsFraction > 0 && !isLiveInteract) _notes.Add("hls: the baseline serves no video; no playlist polling");
        if (!isLiveInteract) _notes.Add("target is the plain-SignalR baseline: no auth, no server counters");

        var lean = settings.EffectiveViewerMode == "lean";
        _sender = SenderFlags();
        _discardIndex = lean ? Math.Max(0, Array.IndexOf(_sender, false)) : 0;
        _lean = lean ? new LeanReceiveLoops(LeanProtocolOf(settings.Protocol), Math.Max(1, Environment.ProcessorCount)) : null;
        try
        {
            return await Measure(http, creator, isLiveInteract, roomIds, gift, giftsSupported, video, startedAt, clock, cancellationToken);
        }
        finally
        {
            // Normally closed already; after a failure the lean sockets must not outlive the run (closing twice is harmless).
            foreach (var viewer in _viewers.Values.OfType<LeanViewer>()) await viewer.DisposeAsync();
            _lean?.Stop();
        }
    }

    private async Task<LoadResult> Measure(HttpClient http, LiveClient creator, bool isLiveInteract, string[] roomIds, Gift? gift, bool giftsSupported,
        VideoIngest? video, DateTimeOffset startedAt, Stopwatch clock, CancellationToken cancellationToken)
    {
        var lean = _lean is not null;
        var hlsSupported = video is not null;
        if (lean) _notes.Add($"viewers: lean (bare WebSocket, {settings.Protocol}, {Environment.ProcessorCount} receive loops); the {settings.SendersPerRoom} senders per room are SDK clients");
        else _notes.Add($"viewers: SDK LiveClient ({settings.Protocol})");
        if (isLiveInteract) _notes.Add(settings.Watchers == "anonymous"
            ? "watchers: connect without a token (watch-only guests); senders sign in"
            : "watchers: each signs in first (POST /api/auth/token), as senders do");

        var rampSeconds = settings.SendDuringRamp ? settings.Viewers / settings.RampPerSecond * 3 : 0; // a ramp runs late under load
        var commentCapacity = (int)Math.Min(50_000_000, settings.CommentsPerSecondPerRoom * settings.Rooms * (settings.Duration.TotalSeconds * 1.5 + rampSeconds) + 1000);
        _ledger = new CommentLedger(commentCapacity);
        var metricsBefore = await MetricsScraper.Scrape(http, baseUrl, cancellationToken);
        var memoryBefore = await MemoryScraper.Read(http, cancellationToken);
        var rssBefore = server?.ResidentBytes();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(() => Sample(clock, stop.Token), CancellationToken.None);

        _phase = "ramp-up";
        var ramp = RampUp(roomIds, isLiveInteract, clock, cancellationToken);
        var rampComments = settings.SendDuringRamp && settings.CommentsPerSecondPerRoom > 0 ? CommentDuringRamp(roomIds, ramp, clock) : Task.CompletedTask;
        await ramp;
        _counters.RampEnded(Stopwatch.GetTimestamp(), settings.Warmup);
        await rampComments;

        _phase = "sending";
        var sendEnd = clock.Elapsed + settings.Duration;
        var senders = roomIds.Select((id, room) => _viewers.Values.OfType<SimulatedViewer>().Where(v => v.Room == room).OrderBy(v => v.Index).Take(settings.SendersPerRoom).ToArray()).ToArray();
        var cpuAtSend = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpuAtSend = server?.ProcessorTime();
        var deliveredAtSend = _counters.DeliveredCount + _counters.GiftsDelivered;
        var bytesAtSend = _counters.BytesReceivedTotal;
        var work = new List<Task>();
        for (var room = 0; room < roomIds.Length; room++)
        {
            if (senders[room].Length == 0) continue;
            var (id, r, s) = (roomIds[room], room, senders[room]);
            if (settings.CommentsPerSecondPerRoom > 0) work.Add(Repeat(settings.CommentsPerSecondPerRoom, clock, next => next < sendEnd, n => SendComment(s[n % s.Length], id, r)));
            if (settings.LikesPerSecondPerRoom > 0) work.Add(Repeat(settings.LikesPerSecondPerRoom, clock, next => next < sendEnd, n => SendLike(s[n % s.Length], id, r)));
            if (giftsSupported && settings.GiftsPerSecondPerRoom > 0) work.Add(Repeat(settings.GiftsPerSecondPerRoom, clock, next => next < sendEnd, n => SendGift(s[n % s.Length], id, gift!)));
        }
        if (settings.ChurnPerSecond > 0) work.Add(Churn(roomIds, isLiveInteract, senders.SelectMany(x => x).Select(v => v.Index).ToHashSet(), clock, sendEnd, cancellationToken));
        if (hlsSupported) work.Add(PollHls(roomIds[0], clock, sendEnd, cancellationToken));
        // A run that sends nothing (the idle-viewer memory measurement) still holds its viewers for --duration.
        if (sendEnd - clock.Elapsed is { Ticks: > 0 } hold) work.Add(Task.Delay(hold, cancellationToken));
        await Task.WhenAll(work);

        _phase = "draining";
        await Drain(clock);
        var seconds = clock.Elapsed.TotalSeconds;
        var deliveredWhileSending = Math.Max(1, _counters.DeliveredCount + _counters.GiftsDelivered - deliveredAtSend);
        var efficiency = new Efficiency(
            settings.EffectiveViewerMode, settings.Protocol,
            (Process.GetCurrentProcess().TotalProcessorTime - cpuAtSend).TotalMilliseconds * 1000 / deliveredWhileSending,
            server?.ProcessorTime() is { } serverCpu && serverCpuAtSend is { } before ? (serverCpu - before).TotalMilliseconds * 1000 / deliveredWhileSending : null,
            lean ? (double)(_counters.BytesReceivedTotal - bytesAtSend) / deliveredWhileSending : null);

        var metricsAfter = await MetricsScraper.Scrape(http, baseUrl, cancellationToken);
        var memoryAfter = await MemoryScraper.Read(http, cancellationToken);
        var rssAfter = server?.ResidentBytes();
        var connectedAtEnd = _viewers.Values.Count(v => v.JoinedAt != 0);
        var rooms = await RoomFigures(creator, roomIds, isLiveInteract, cancellationToken);
        foreach (var (reason, count) in _failures) _notes.Add($"connect failed {count}x: {reason}");
        foreach (var closed in _viewers.Values.OfType<LeanViewer>().Where(v => v.FailedBecause is not null).GroupBy(v => v.FailedBecause))
            _notes.Add($"lean viewers closed {closed.Count()}x: {closed.Key}");
        if (_viewers.Values.OfType<LeanViewer>().Sum(v => v.Rejoins) is > 0 and var rejoins)
            _notes.Add($"lean viewers lagged by the server (over their outbound budget) and rejoined with their lastSeq: {rejoins}x");
        var events = CountEvents(giftsSupported);
        // Counted before the run closes its viewers: what happens while closing is not the server's doing.
        var connections = new Connections(_counters.Attempted, _counters.Established, _counters.Failed, _counters.DroppedCount, _counters.Left);

        await stop.CancelAsync();
        await sampler;
        _phase = "closing";
        await Parallel.ForEachAsync(_viewers.Values, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (v, _) => await v.DisposeAsync());

        var serverMetrics = metricsAfter.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (name, after) in metricsAfter)
            if (name.EndsWith("_total", StringComparison.Ordinal)) serverMetrics[name + "_delta"] = after - metricsBefore.GetValueOrDefault(name);
        var cpu = _samples.Count == 0 ? 0 : _samples.Average(s => s.ClientCpuPercent);
        return new LoadResult(target, baseUrl.ToString(), settings.Preset, settings, startedAt, seconds,
            connections,
            Percentiles.From(_counters.ConnectTime.Total), Percentiles.From(_counters.Latency.Total),
            settings.SendDuringRamp ? Percentiles.From(_counters.RampLatency.Total) : null,
            events, rooms, serverMetrics, rssBefore, rssAfter,
            rssBefore is { } b && rssAfter is { } a && connectedAtEnd > 0 ? (a - b) / (double)connectedAtEnd : null,
            cpu, events[0].Delivered / Math.Max(0.001, settings.Duration.TotalSeconds),
            new HlsFigures(_hlsPlayers, _counters.HlsFetches, _counters.HlsFailures, video?.FramesSent ?? 0), _notes, _samples, efficiency,
            memoryBefore is { } mb && memoryAfter is { } ma
                ? new ServerMemory(server?.GcMode ?? "unknown", mb.ManagedBytes, ma.ManagedBytes, mb.WorkingSetBytes, ma.WorkingSetBytes, connectedAtEnd)
                : null);
    }

    private static async Task<bool> IsLiveInteract(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("api/auth/token", UriKind.Relative),
            new StringContent("""{"name":"probe","role":"viewer"}""", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private static async Task<bool> Answers(HttpClient http, LiveClient creator, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (creator.Token is { } token) request.Headers.Authorization = new("Bearer", token.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<string[]> CreateRooms(LiveClient creator, bool isLiveInteract, CancellationToken cancellationToken)
    {
        // Fresh rooms per run, as LiveInteract creates them: a priming run's comments must not be a measured run's history.
        if (!isLiveInteract)
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            return Enumerable.Range(0, settings.Rooms).Select(i => $"load-{run}-room-{i}").ToArray();
        }
        await creator.SignInAsGuestAsync("load-creator", UserRole.Creator, cancellationToken);
        var ids = new string[settings.Rooms];
        for (var i = 0; i < ids.Length; i++)
        {
            var room = await creator.CreateRoomAsync($"load room {i}", cancellationToken);
            await creator.StartRoomAsync(room.RoomId, cancellationToken);
            ids[i] = room.RoomId;
        }
        return ids;
    }

    private int RoomFor(int index) => settings.Spread == "skewed" && settings.Rooms > 1
        ? index % 2 == 0 ? 0 : 1 + index / 2 % (settings.Rooms - 1)
        : index % settings.Rooms;

    private async Task RampUp(string[] roomIds, bool isLiveInteract, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(settings.ConnectConcurrency);
        var start = clock.Elapsed;
        var connects = new List<Task>(settings.Viewers);
        for (var i = 0; i < settings.Viewers; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / settings.RampPerSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, cancellationToken);
            await gate.WaitAsync(cancellationToken);
            var index = Interlocked.Increment(ref _nextIndex) - 1;
            connects.Add(Task.Run(async () =>
            {
                try { await Connect(index, roomIds[RoomFor(index)], RoomFor(index), isLiveInteract, cancellationToken); }
                finally { gate.Release(); }
            }, CancellationToken.None));
        }
        await Task.WhenAll(connects);
    }

    private void NoteFailure(Exception e)
    {
        var reason = $"{e.GetType().Name}: {e.Message}";
        if (_failures.Count < MaxReasons || _failures.ContainsKey(reason)) _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    private bool[] SenderFlags()
    {
        var flags = new bool[settings.Viewers];
        var perRoom = new int[settings.Rooms];
        for (var i = 0; i < flags.Length; i++) flags[i] = perRoom[RoomFor(i)]++ < settings.SendersPerRoom;
        return flags;
    }

    private static LeanProtocol LeanProtocolOf(string protocol) => protocol == "messagepack" ? LeanProtocol.MessagePack : LeanProtocol.Json;

    private async Task Connect(int index, string roomId, int room, bool isLiveInteract, CancellationToken cancellationToken)
    {
        if (_lean is not null && !(index < _sender.Length && _sender[index]))
        {
            await ConnectLean(index, roomId, room, isLiveInteract, cancellationToken);
            return;
        }
        await ConnectSdk(index, roomId, room, isLiveInteract, cancellationToken);
    }

    private async Task ConnectLean(int index, string roomId, int room, bool isLiveInteract, CancellationToken cancellationToken)
    {
        _counters.Attempt();
        try
        {
            var token = isLiveInteract && settings.Watchers == "signed-in" ? await SignIn($"viewer{index}", cancellationToken) : null;
            var hub = new UriBuilder(new Uri(baseUrl, Contracts.Hub.HubRoutes.Live.TrimStart('/'))) { Scheme = "ws" }.Uri;
            var source = settings.SourceAddresses > 1 ? new IPAddress([127, 0, 0, (byte)(1 + index % settings.SourceAddresses)]) : null;
            var began = Stopwatch.GetTimestamp();
            var viewer = await LeanViewer.Connect(_lean!, hub, token, source, index, roomId, room, LeanProtocolOf(settings.Protocol), _counters,
                index == _discardIndex ? settings.DiscardDeliveries : 0, cancellationToken);
            _counters.ConnectTime.RecordTicks(Stopwatch.GetTimestamp() - began);
            _counters.Establish();
            _viewers[index] = viewer;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _counters.Fail();
            NoteFailure(e);
        }
    }

    /// <summary>A guest viewer token for a lean viewer (the SDK's sign-in, without a LiveClient).</summary>
    private async Task<string> SignIn(string name, CancellationToken cancellationToken)
    {
        using var response = await SignInClient.PostAsync(new Uri(baseUrl, "api/auth/token"),
            System.Net.Http.Json.JsonContent.Create(new { name, role = "viewer" }), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("sign-in returned no token");
    }

    private async Task ConnectSdk(int index, string roomId, int room, bool isLiveInteract, CancellationToken cancellationToken)
    {
        _counters.Attempt();
        LiveClient? client = null;
        var bind = settings.SourceAddresses > 1;
        var options = new LiveClientOptions
        {
            ServerUrl = baseUrl,
            HttpMessageHandlerFactory = bind ? () => SourceAddressHandler.Create(index, settings.SourceAddresses) : null,
            WebSocketFactory = bind ? (uri, ct) => SourceAddressHandler.ConnectWebSocket(uri, client?.Token?.Token ?? (isLiveInteract ? null : "baseline"), index, settings.SourceAddresses, ct) : null,
            Protocol = settings.Protocol == "messagepack" ? HubProtocol.MessagePack() : HubProtocol.Json,
        };
        client = new LiveClient(options);
        var viewer = new SimulatedViewer(index, roomId, room, client, _counters, index == _discardIndex ? settings.DiscardDeliveries : 0);
        try
        {
            // Senders sign in; a viewer that only watches connects without a token unless --watchers signed-in.
            var sender = index < _sender.Length && _sender[index];
            if (!isLiveInteract) client.UseToken("baseline");
            else if (sender || settings.Watchers == "signed-in") await client.SignInAsGuestAsync($"viewer{index}", UserRole.Viewer, cancellationToken);
            var began = Stopwatch.GetTimestamp();
            await viewer.ConnectAndJoin(cancellationToken);
            _counters.ConnectTime.RecordTicks(Stopwatch.GetTimestamp() - began);
            _counters.Establish();
            _viewers[index] = viewer;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _counters.Fail();
            NoteFailure(e);
            await viewer.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="action"/> at a fixed rate without waiting for it, so a slow reply never lowers the rate.</summary>
    /// <summary>Calls <paramref name="action"/> <paramref name="perSecond"/> times a second while <paramref name="goOn"/> says yes for the next slot.</summary>
    private static async Task Repeat(double perSecond, Stopwatch clock, Func<TimeSpan, bool> goOn, Func<int, Task> action)
    {
        var pending = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var next = clock.Elapsed;
        for (var n = 0; goOn(next); n++, next += interval)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            pending.Add(action(n));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>
    /// <c>--send-during-ramp</c>: each room's comments start once its senders (its first viewers) have joined and stop
    /// when the ramp is over, where the sending phase takes over at the same rate.
    /// </summary>
    private async Task CommentDuringRamp(string[] roomIds, Task ramp, Stopwatch clock)
    {
        var rooms = new List<Task>();
        for (var room = 0; room < roomIds.Length; room++)
        {
            var (id, r) = (roomIds[room], room);
            rooms.Add(Task.Run(async () =>
            {
                SimulatedViewer[] senders;
                while ((senders = JoinedSenders(r)).Length < settings.SendersPerRoom && !ramp.IsCompleted)
                    await Task.WhenAny(ramp, Task.Delay(50));
                if (ramp.IsCompleted || senders.Length == 0) return;
                await Repeat(settings.CommentsPerSecondPerRoom, clock, _ => !ramp.IsCompleted, n => SendComment(senders[n % senders.Length], id, r));
            }));
        }
        await Task.WhenAll(rooms);
    }

    private SimulatedViewer[] JoinedSenders(int room) =>
        [.. _viewers.Values.OfType<SimulatedViewer>().Where(v => v.Room == room && v.JoinedAt != 0).OrderBy(v => v.Index).Take(settings.SendersPerRoom)];

    private async Task SendComment(SimulatedViewer sender, string roomId, int room)
    {
        var number = _ledger.Begin(room, out var text);
        if (number < 0) return;
        _counters.CommentSent();
        try
        {
            var receipt = await sender.Client.SendCommentAsync(roomId, text);
            if (receipt.Held) { _counters.CommentFailed(); return; }
            _ledger.Acknowledge(number);
            _counters.CommentAcked();
        }
        catch (Exception) { _counters.CommentFailed(); }
    }

    private async Task SendLike(SimulatedViewer sender, string roomId, int room)
    {
        _counters.LikeSent(1);
        try
        {
            await sender.Client.SendLikeAsync(roomId, 1);
            _counters.LikeAcked(1);
            Interlocked.Increment(ref _likesPerRoom[room]);
        }
        catch (Exception) { }
    }

    private async Task SendGift(SimulatedViewer sender, string roomId, Gift gift)
    {
        _counters.GiftSent();
        try
        {
            await sender.Client.TopUpAsync(gift.Coins);
            await sender.Client.SendGiftAsync(roomId, gift.Id);
            _counters.GiftAcked();
        }
        catch (Exception) { }
    }

    private async Task Churn(string[] roomIds, bool isLiveInteract, HashSet<int> senders, Stopwatch clock, TimeSpan end, CancellationToken cancellationToken)
    {
        var random = new Random(8);
        var pending = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / settings.ChurnPerSecond);
        for (var next = clock.Elapsed + interval; next < end; next += interval)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            var candidates = _viewers.Keys.Where(k => !senders.Contains(k)).ToArray();
            if (candidates.Length == 0) break;
            if (!_viewers.TryRemove(candidates[random.Next(candidates.Length)], out var leaving)) continue;
            pending.Add(Task.Run(async () =>
            {
                await leaving.Leave();
                _departed.Add(leaving);
                _counters.Leave();
                var index = Interlocked.Increment(ref _nextIndex) - 1;
                await Connect(index, roomIds[leaving.Room], leaving.Room, isLiveInteract, cancellationToken);
            }, CancellationToken.None));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Streams a sample video into the room and waits for its first HLS playlist; null (with a note) when there is no
    /// video to stream or the server never publishes a playlist.
    /// </summary>
    private async Task<VideoIngest?> StartVideo(HttpClient http, LiveClient creator, string roomId, CancellationToken cancellationToken)
    {
        var (ingest, whyNot) = await VideoIngest.Start(baseUrl, roomId, creator.Token!.Token, cancellationToken);
        if (ingest is null)
        {
            _notes.Add($"hls: {whyNot}; no playlist polling");
            return null;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Answers(http, creator, $"rooms/{roomId}/hls/index.m3u8", cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                _notes.Add("hls: the server published no playlist within 30 s of the video starting; no playlist polling");
                await ingest.DisposeAsync();
                return null;
            }
            await Task.Delay(250, cancellationToken);
        }
        return ingest;
    }

    /// <summary>HLS players of the room with video: each fetches the playlist and its newest segment every 2 s.</summary>
    private async Task PollHls(string room, Stopwatch clock, TimeSpan end, CancellationToken cancellationToken)
    {
        var players = _hlsPlayers = Math.Max(1, (int)(_viewers.Count * settings.HlsFraction));
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        await Task.WhenAll(Enumerable.Range(0, players).Select(async p =>
        {
            while (clock.Elapsed < end && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var playlist = await http.GetStringAsync(new Uri($"rooms/{room}/hls/index.m3u8", UriKind.Relative), cancellationToken);
                    _counters.HlsFetched(true);
                    // Like a player: fetch the newest segment the playlist lists.
                    var segment = playlist.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
                    if (segment is not null)
                    {
                        using var response = await http.GetAsync(new Uri(new Uri(baseUrl, $"rooms/{room}/hls/"), segment), cancellationToken);
                        _counters.HlsFetched(response.IsSuccessStatusCode);
                    }
                }
                catch (HttpRequestException) { _counters.HlsFetched(false); }
                await Task.Delay(2000, cancellationToken);
            }
        }));
    }

    /// <summary>Waits until deliveries stop for a second (or the drain time runs out).</summary>
    private async Task Drain(Stopwatch clock)
    {
        var end = clock.Elapsed + settings.Drain;
        var last = -1L;
        var quietSince = clock.Elapsed;
        while (clock.Elapsed < end)
        {
            await Task.Delay(200);
            var now = _counters.DeliveredCount;
            if (now != last) { last = now; quietSince = clock.Elapsed; }
            else if (clock.Elapsed - quietSince > TimeSpan.FromSeconds(1) && MissingNow() == 0) return;
        }
    }

    private long MissingNow() => Expectation().Sum(e => e.Expected - e.Delivered);

    /// <summary>
    /// Per viewer: acknowledged comments of its room sent after its join completed and acknowledged at least
    /// <see cref="LeaveGrace"/> before it left. The grace matters because the server acknowledges a comment before
    /// its batch tick pushes it out, so a viewer that leaves right after an acknowledgement may rightly miss it.
    /// </summary>
    private IEnumerable<(long Expected, long Delivered, long Duplicates)> Expectation()
    {
        var count = _ledger.Count;
        var grace = (long)(LeaveGrace.TotalSeconds * Stopwatch.Frequency);
        foreach (var viewer in _viewers.Values.Concat(_departed))
        {
            if (viewer.JoinedAt == 0) continue;
            long expected = 0, delivered = 0;
            for (var n = 0; n < count; n++)
            {
                if (_ledger.RoomOf(n) != viewer.Room) continue;
                var acked = _ledger.AckedAt(n);
                if (acked == 0 || _ledger.SentAt(n) < viewer.JoinedAt || (viewer.LeftAt != long.MaxValue && acked > viewer.LeftAt - grace)) continue;
                expected++;
                if (viewer.HasReceived(n)) delivered++;
            }
            yield return (expected, delivered, viewer.Duplicates);
        }
    }

    private List<EventTotals> CountEvents(bool giftsSupported)
    {
        var book = Expectation().ToList();
        var expected = book.Sum(b => b.Expected);
        var delivered = book.Sum(b => b.Delivered);
        var events = new List<EventTotals>
        {
            new("comment", _counters.CommentsSent, _counters.CommentsAcked, _counters.CommentsFailed, delivered, expected, expected - delivered, book.Sum(b => b.Duplicates), null),
        };
        // Likes are summed by the server and arrive as running totals per room: "delivered" counts viewers whose last
        // total reached all likes acknowledged in their room, "expected" the connected viewers of rooms that got likes.
        var stayed = _viewers.Values.Where(v => v.JoinedAt != 0).ToList();
        var likeWatchers = stayed.Where(v => Interlocked.Read(ref _likesPerRoom[v.Room]) > 0).ToList();
        var sawAll = likeWatchers.Count(v => v.LastLikes >= Interlocked.Read(ref _likesPerRoom[v.Room]));
        events.Add(new("like", _counters.LikesSent, _counters.LikesAcked, _counters.LikesSent - _counters.LikesAcked, sawAll, likeWatchers.Count,
            likeWatchers.Count - sawAll, 0, "counted per viewer: saw its room's final like total"));
        events.Add(new("gift", _counters.GiftsSent, _counters.GiftsAcked, _counters.GiftsSent - _counters.GiftsAcked, _counters.GiftsDelivered,
            _counters.GiftsAcked * stayed.Count, Math.Max(0, _counters.GiftsAcked * stayed.Count - _counters.GiftsDelivered), 0,
            giftsSupported ? null : "not supported by target"));
        return events;
    }

    private async Task<List<RoomFigures>> RoomFigures(LiveClient creator, string[] roomIds, bool isLiveInteract, CancellationToken cancellationToken)
    {
        var figures = new List<RoomFigures>();
        var acked = new long[roomIds.Length];
        for (var n = 0; n < _ledger.Count; n++) if (_ledger.AckedAt(n) != 0) acked[_ledger.RoomOf(n)]++;
        for (var i = 0; i < roomIds.Length; i++)
        {
            var viewers = _viewers.Values.Count(v => v.Room == i && v.JoinedAt != 0);
            if (!isLiveInteract) { figures.Add(new(roomIds[i], viewers, acked[i], null, Interlocked.Read(ref _likesPerRoom[i]), null)); continue; }
            var snapshot = await creator.GetRoomAsync(roomIds[i], cancellationToken: cancellationToken);
            figures.Add(new(roomIds[i], viewers, acked[i], snapshot.Counters.Comments, Interlocked.Read(ref _likesPerRoom[i]), snapshot.Counters.Likes));
        }
        return figures;
    }

    private async Task Sample(Stopwatch clock, CancellationToken stop)
    {
        var process = Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var lastWall = clock.Elapsed;
        long lastDelivered = 0, lastSent = 0;
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(1000, stop); } catch (OperationCanceledException) { }
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = clock.Elapsed;
            var cpuPercent = (cpu - lastCpu).TotalSeconds / Math.Max(0.001, (wall - lastWall).TotalSeconds) / Environment.ProcessorCount * 100;
            (lastCpu, lastWall) = (cpu, wall);
            var interval = Percentiles.From(_counters.Latency.TakeInterval());
            var delivered = _counters.DeliveredCount;
            var sent = _counters.CommentsSent;
            var connected = _counters.Established - _counters.Left;
            var sample = new Sample(wall.TotalSeconds, connected, delivered - lastDelivered, sent - lastSent, interval.P50, interval.P99, cpuPercent);
            (lastDelivered, lastSent) = (delivered, sent);
            lock (_samples) _samples.Add(sample);
            progress?.Invoke(new ProgressView(target, _phase, wall.TotalSeconds, _counters.Attempted, _counters.Established, _counters.Failed,
                _counters.DroppedCount, delivered, sample.DeliveriesPerSecond, interval.P99, cpuPercent));
        }
    }
}
