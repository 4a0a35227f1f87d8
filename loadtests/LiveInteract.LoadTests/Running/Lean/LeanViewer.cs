using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveInteract.LoadTests.Running.Lean;

/// <summary>
/// A viewer without the SDK: one TCP socket speaking WebSocket and the SignalR hub protocol (JSON or MessagePack)
/// directly. It upgrades, shakes hands, calls JoinRoom and then only reads: each Events frame is scanned for seq,
/// type and a comment's latency stamp (<see cref="FrameScanner"/>), nothing is materialised. It owns no task: the
/// <see cref="LeanReceiveLoops"/> call <see cref="OnReadable"/> when its socket has data, with a shared buffer; bytes
/// of an unfinished message wait in a pooled buffer. It does not reconnect: a drop is counted and its missed comments
/// are reported lost (the SDK mode measures the reconnect path).
/// </summary>
internal sealed class LeanViewer : IViewer
{
    public const string JoinInvocationId = "1";
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    private enum Phase { Upgrading, Handshaking, Open, Closed }

    private readonly Socket _socket;
    private readonly LeanProtocol _protocol;
    private readonly RunCounters _counters;
    private readonly byte[] _joinFrame;
    private readonly string _expectedAccept;
    private readonly Lock _sendGate = new();
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeliveryTracker _deliveries;
    private Phase _phase = Phase.Upgrading;

    // WebSocket frame decoding: the header being read, and what is left of the current frame's payload.
    private readonly byte[] _frameHeader = new byte[10];
    private int _frameHeaderHave;
    private long _payloadLeft;
    private byte _opcode;
    private byte[]? _control;
    private int _controlHave;

    // Bytes of an HTTP response or SignalR message not complete yet (rented; null while nothing waits).
    private byte[]? _pending;
    private int _pendingCount;

    private LeanViewer(int index, string roomId, int room, Socket socket, LeanProtocol protocol, RunCounters counters, int discard, byte[] joinFrame, string expectedAccept)
    {
        Index = index;
        RoomId = roomId;
        Room = room;
        _socket = socket;
        _protocol = protocol;
        _counters = counters;
        _deliveries = new DeliveryTracker(counters, discard);
        _joinFrame = joinFrame;
        _expectedAccept = expectedAccept;
    }

    public int Index { get; }
    public string RoomId { get; }
    public int Room { get; }
    public long JoinedAt { get; private set; }
    public long LeftAt { get; private set; } = long.MaxValue;
    public long Duplicates => _deliveries.Duplicates;
    public long LastLikes { get; private set; }
    public string? FailedBecause { get; private set; }
    /// <summary>Times the server lagged this viewer (over its outbound budget) and it rejoined with its lastSeq.</summary>
    public int Rejoins { get; private set; }
    /// <summary>A rejoin after <c>Lagged</c> is in flight: its snapshot's events are the gap, counted as deliveries.</summary>
    internal bool Rejoining { get; private set; }

    /// <summary>Set when the run closes this viewer (churn or the end of the run).</summary>
    private volatile bool _closedByRun;
    internal Socket Socket => _socket;
    internal bool IsOpen => _phase == Phase.Open;

    /// <summary>Connects, upgrades and joins; returns when JoinRoom completed (throws when anything on the way failed).</summary>
    public static async Task<LeanViewer> Connect(LeanReceiveLoops loops, Uri hub, string? token, IPAddress? source, int index, string roomId, int room,
        LeanProtocol protocol, RunCounters counters, int discard, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var request = HubWire.UpgradeRequest(hub, token, out var accept);
        var viewer = new LeanViewer(index, roomId, room, socket, protocol, counters, discard, HubWire.JoinRoom(protocol, roomId), accept);
        try
        {
            if (source is not null) socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new DnsEndPoint(hub.Host, hub.Port), cancellationToken);
            await socket.SendAsync(request, SocketFlags.None, cancellationToken);
            loops.Add(viewer);
            await viewer._joined.Task.WaitAsync(JoinTimeout, cancellationToken);
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    public bool HasReceived(int number) => _deliveries.HasReceived(number);

    /// <summary>Sends a prebuilt frame (a ping from the ping loop, a pong or the handshake from the receive loop).</summary>
    internal void Send(byte[] frame)
    {
        if (_phase == Phase.Closed) return;
        try
        {
            lock (_sendGate) _socket.Send(frame);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail("send failed: " + e.Message);
        }
    }

    /// <summary>Called by a receive loop when the socket is readable; <paramref name="buffer"/> is the loop's own.</summary>
    internal void OnReadable(byte[] buffer)
    {
        int read;
        try
        {
            read = _socket.Receive(buffer, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return;
            if (error != SocketError.Success) { Fail("receive failed: " + error); return; }
        }
        catch (ObjectDisposedException) { Fail("socket closed"); return; }
        if (read == 0) { Fail("the server closed the connection"); return; }
        _counters.BytesReceived(read);
        try
        {
            Consume(buffer, 0, read);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A frame this scanner cannot read ends this viewer (reported in the notes), never the receive thread.
            Fail($"unreadable frame: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Consume(byte[] data, int offset, int count)
    {
        var end = offset + count;
        var i = offset;
        while (i < end && _phase != Phase.Closed)
        {
            if (_phase == Phase.Upgrading)
            {
                i += ConsumeUpgrade(data, i, end - i);
                continue;
            }
            if (_payloadLeft == 0 && _control is null)
            {
                i += ConsumeFrameHeader(data, i, end - i);
                continue;
            }
            var take = (int)Math.Min(_payloadLeft, end - i);
            if (_control is not null)
            {
                Array.Copy(data, i, _control, _controlHave, take);
                _controlHave += take;
            }
            else OnPayload(data, i, take);
            _payloadLeft -= take;
            i += take;
            if (_payloadLeft == 0 && _control is not null) OnControlFrame();
        }
    }

    private int ConsumeUpgrade(byte[] data, int offset, int count)
    {
        Append(data, offset, count);
        var head = _pending.AsSpan(0, _pendingCount);
        var endOfHead = head.IndexOf("\r\n\r\n"u8);
        if (endOfHead < 0)
        {
            if (_pendingCount > 16 * 1024) Fail("upgrade response too long");
            return count;
        }
        var text = Encoding.ASCII.GetString(head[..endOfHead]);
        var statusLine = text.Split("\r\n")[0];
        if (!statusLine.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) { Fail($"upgrade refused: {statusLine}"); return count; }
        if (!text.Contains($"Sec-WebSocket-Accept: {_expectedAccept}", StringComparison.OrdinalIgnoreCase)) { Fail("wrong Sec-WebSocket-Accept"); return count; }
        var usedHere = count - (_pendingCount - (endOfHead + 4));
        ReleasePending();
        _phase = Phase.Handshaking;
        Send(HubWire.Handshake(_protocol));
        return usedHere;
    }

    private int ConsumeFrameHeader(byte[] data, int offset, int count)
    {
        var used = 0;
        while (used < count)
        {
            _frameHeader[_frameHeaderHave++] = data[offset + used++];
            if (_frameHeaderHave < 2) continue;
            var length7 = _frameHeader[1] & 0x7f;
            if ((_frameHeader[1] & 0x80) != 0) { Fail("the server masked a frame"); return count; }
            var need = length7 switch { 126 => 4, 127 => 10, _ => 2 };
            if (_frameHeaderHave < need) continue;
            long length = length7 switch
            {
                126 => (_frameHeader[2] << 8) | _frameHeader[3],
                127 => (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_frameHeader.AsSpan(2, 8)),
                _ => length7,
            };
            _frameHeaderHave = 0;
            _opcode = (byte)(_frameHeader[0] & 0x0f);
            _payloadLeft = length;
            if (_opcode >= 0x8)
            {
                if (length > 125) { Fail("control frame too long"); return count; }
                _control = new byte[length];
                _controlHave = 0;
                if (length == 0) OnControlFrame();
            }
            return used;
        }
        return used;
    }

    private void OnControlFrame()
    {
        var payload = _control!;
        _control = null;
        switch (_opcode)
        {
            case 0x8: Fail("the server sent a close frame"); break;
            case 0x9: Send(HubWire.Pong(payload)); break;
            // 0xA: unsolicited pongs are the server's keep-alive; nothing to do.
        }
    }

    /// <summary>Payload bytes of data frames: a stream of SignalR messages, possibly split anywhere.</summary>
    private void OnPayload(byte[] data, int offset, int count)
    {
        if (_pendingCount == 0)
        {
            var used = ConsumeMessages(data, offset, count);
            if (used < count) Append(data, offset + used, count - used);
            return;
        }
        Append(data, offset, count);
        var consumed = ConsumeMessages(_pending!, 0, _pendingCount);
        if (consumed == _pendingCount) ReleasePending();
        else if (consumed > 0)
        {
            Array.Copy(_pending!, consumed, _pending!, 0, _pendingCount - consumed);
            _pendingCount -= consumed;
        }
    }

    /// <summary>Handles every complete message in the range; returns the bytes used (the rest is an unfinished message).</summary>
    private int ConsumeMessages(byte[] data, int offset, int count)
    {
        var used = 0;
        while (used < count && _phase != Phase.Closed)
        {
            var rest = data.AsSpan(offset + used, count - used);
            if (_phase == Phase.Handshaking || _protocol == LeanProtocol.Json)
            {
                var separator = rest.IndexOf((byte)0x1e);
                if (separator < 0) return used;
                var message = new ReadOnlyMemory<byte>(data, offset + used, separator);
                used += separator + 1;
                if (_phase == Phase.Handshaking) OnHandshake(message.Span);
                else OnMessage(FrameScanner.ScanJson(message.Span, this));
                continue;
            }
            if (!TryReadLength(rest, out var length, out var prefix)) return used;
            if (rest.Length < prefix + length) return used;
            OnMessage(FrameScanner.ScanMessagePack(new ReadOnlyMemory<byte>(data, offset + used + prefix, length), this));
            used += prefix + length;
        }
        return used;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> data, out int length, out int prefix)
    {
        length = 0;
        for (prefix = 0; prefix < Math.Min(5, data.Length); prefix++)
        {
            length |= (data[prefix] & 0x7f) << (7 * prefix);
            if ((data[prefix] & 0x80) == 0)
            {
                prefix++;
                return true;
            }
        }
        return false;
    }

    private void OnHandshake(ReadOnlySpan<byte> response)
    {
        if (response.IndexOf("\"error\""u8) >= 0) { Fail("handshake refused: " + Encoding.UTF8.GetString(response)); return; }
        _phase = Phase.Open;
        Send(_joinFrame);
    }

    private void OnMessage(in ScannedMessage message)
    {
        switch (message.Kind)
        {
            case ScannedKind.Events:
                if (message.Likes is { } likes && likes > LastLikes) LastLikes = likes;
                break;
            case ScannedKind.JoinCompleted:
                if (message.Error is { } error) { Fail("JoinRoom refused: " + error); return; }
                if (message.Likes is { } snapshotLikes && snapshotLikes > LastLikes) LastLikes = snapshotLikes;
                if (Rejoining)
                {
                    Rejoining = false;
                    break;
                }
                JoinedAt = Stopwatch.GetTimestamp();
                _joined.TrySetResult();
                break;
            case ScannedKind.Lagged:
                // As the SDK does: rejoin after the last seq the server handed over; the snapshot replays the gap.
                Rejoins++;
                Rejoining = true;
                Send(HubWire.JoinRoom(_protocol, RoomId, message.LastSeq));
                break;
            case ScannedKind.Close:
                Fail("the server closed the hub connection: " + message.Error);
                break;
        }
    }

    /// <summary>Called by <see cref="FrameScanner"/> for each comment in an Events batch.</summary>
    internal void OnComment(ReadOnlySpan<byte> text)
    {
        var now = Stopwatch.GetTimestamp();
        if (CommentLedger.TryParse(text, out var number, out var sent)) _deliveries.Received(number, sent, JoinedAt, now);
    }

    internal void OnGift() => _counters.GiftDelivered();

    private void Append(byte[] data, int offset, int count)
    {
        if (_pending is null || _pendingCount + count > _pending.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(4096, _pendingCount + count));
            if (_pending is not null)
            {
                Array.Copy(_pending, bigger, _pendingCount);
                ArrayPool<byte>.Shared.Return(_pending);
            }
            _pending = bigger;
        }
        Array.Copy(data, offset, _pending, _pendingCount, count);
        _pendingCount += count;
    }

    private void ReleasePending()
    {
        if (_pending is not null) ArrayPool<byte>.Shared.Return(_pending);
        _pending = null;
        _pendingCount = 0;
    }

    private void Fail(string why)
    {
        if (_phase == Phase.Closed) return;
        var wasJoined = JoinedAt != 0;
        _phase = Phase.Closed;
        FailedBecause = why;
        if (wasJoined && LeftAt == long.MaxValue && !_closedByRun) _counters.Dropped();
        _joined.TrySetException(new IOException(why));
        try { _socket.Close(); } catch (SocketException) { }
    }

    public async Task Leave()
    {
        LeftAt = Stopwatch.GetTimestamp();
        await DisposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        // Before the close frame goes: the server's answer to it can reach the receive loop first, and that is not a drop.
        _closedByRun = true;
        if (_phase != Phase.Closed)
        {
            // Closed by the run (churn or the end), not a drop.
            if (_phase == Phase.Open) Send(HubWire.Close());
            _phase = Phase.Closed;
            try { _socket.Close(); } catch (SocketException) { }
        }
        _socket.Dispose();
        _joined.TrySetCanceled();
        return ValueTask.CompletedTask;
    }
}
