using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A hub client written by hand against the SignalR JSON protocol over a real WebSocket, so a test can do what no
/// well-behaved client does: send invocations and not read a byte of what comes back. Its TCP receive buffer is set
/// small before connecting, so the server's sends to it stall as soon as the kernel buffers on both ends are full
/// (a phone in a tunnel). <see cref="StartReading"/> begins draining; every message is then kept in arrival order.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly HttpMessageInvoker _invoker;
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private int _nextInvocationId;
    private Task? _reader;

    private RawHubClient(int receiveBufferBytes)
    {
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = receiveBufferBytes };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });
    }

    /// <summary>Connects to <c>/hubs/live</c> with the token in the query string and sends the JSON handshake.</summary>
    public static async Task<RawHubClient> ConnectAsync(Uri baseAddress, string token, int receiveBufferBytes = 4096)
    {
        var client = new RawHubClient(receiveBufferBytes);
        var uri = new UriBuilder(new Uri(baseAddress, HubRoutes.Live.TrimStart('/')))
        {
            Scheme = "ws",
            Query = $"access_token={Uri.EscapeDataString(token)}",
        }.Uri;
        await client._socket.ConnectAsync(uri, client._invoker, CancellationToken.None);
        await client.SendRecordAsync("""{"protocol":"json","version":1}""");
        return client;
    }

    /// <summary>Every message received so far (handshake reply excluded), in arrival order.</summary>
    public IReadOnlyList<JsonElement> Received => [.. _received];

    /// <summary>Bytes of hub messages read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Sends an invocation and returns its id (the reply is a completion with this id, once someone reads).</summary>
    public async Task<string> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendRecordAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return id;
    }

    /// <summary>Starts reading the socket in the background (until disposed or the server closes it).</summary>
    public void StartReading() => _reader ??= Task.Run(ReadLoopAsync);

    /// <summary>Pushed invocations of <paramref name="target"/> (e.g. <c>Events</c>), their arguments, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Invocations(string target) =>
        [.. Received.Where(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == target)
            .Select(m => m.GetProperty("arguments"))];

    /// <summary>The result of invocation <paramref name="invocationId"/>, if it arrived.</summary>
    public JsonElement? Completion(string invocationId)
    {
        foreach (var m in Received)
        {
            if (m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == invocationId)
                return m.TryGetProperty("result", out var result) ? result : throw new InvalidOperationException(m.GetRawText());
        }
        return null;
    }

    private async Task SendRecordAsync(string json) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        var handshakeDone = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                BytesRead += result.Count;
                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage) continue;
                var records = pending.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
                pending.Clear();
                foreach (var record in records)
                {
                    if (!handshakeDone) { handshakeDone = true; continue; } // {} : the handshake reply
                    _received.Enqueue(JsonDocument.Parse(record).RootElement.Clone());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        if (_reader is not null) await _reader;
        _socket.Dispose();
        _invoker.Dispose();
        _stop.Dispose();
    }
}
