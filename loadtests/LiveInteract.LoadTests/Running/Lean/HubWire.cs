using LiveInteract.Contracts.Hub;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace LiveInteract.LoadTests.Running.Lean;

/// <summary>
/// The bytes a lean viewer sends: the HTTP upgrade request, and SignalR messages (handshake, JoinRoom, ping) in a
/// client WebSocket frame. Client frames must be masked (RFC 6455 5.3); the key is all zeros, which leaves the payload
/// as it is, so frames can be built once and reused. Built with SignalR's own formats: JSON messages end with 0x1E,
/// MessagePack messages carry a varint length prefix (docs/PROTOCOL.md).
/// </summary>
internal static class HubWire
{
    private const byte RecordSeparator = 0x1e;
    private static readonly Guid WebSocketMagic = new("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");

    public static byte[] UpgradeRequest(Uri hub, string? token, out string expectedAccept)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // RFC 6455 4.2.2 fixes SHA-1 for Sec-WebSocket-Accept: a check that the server speaks WebSocket, not security.
#pragma warning disable CA5350
        expectedAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketMagic.ToString().ToUpperInvariant())));
#pragma warning restore CA5350
        var request = new StringBuilder()
            .Append("GET ").Append(hub.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(hub.Authority).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        if (token is not null) request.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }

    /// <summary>The handshake request (always JSON text, both protocols) naming the protocol.</summary>
    public static byte[] Handshake(LeanProtocol protocol) =>
        Frame(Encoding.UTF8.GetBytes($"{{\"protocol\":\"{(protocol == LeanProtocol.Json ? "json" : "messagepack")}\",\"version\":1}}\u001e"), binary: false);

    /// <summary>
    /// JoinRoom(roomId, lastSeq) with invocation id "1", the only call a lean viewer makes: first with no lastSeq, again
    /// with one after the server lagged it.
    /// </summary>
    public static byte[] JoinRoom(LeanProtocol protocol, string roomId, long? lastSeq = null)
    {
        if (protocol == LeanProtocol.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(128);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("type", 1);
                json.WriteString("invocationId", LeanViewer.JoinInvocationId);
                json.WriteString("target", HubMethods.JoinRoom);
                json.WriteStartArray("arguments");
                json.WriteStringValue(roomId);
                if (lastSeq is { } after) json.WriteNumberValue(after);
                else json.WriteNullValue();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return Frame([.. buffer.WrittenSpan, RecordSeparator], binary: false);
        }
        var body = new ArrayBufferWriter<byte>(128);
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(5); // [type, headers, invocationId, target, arguments]
        writer.Write(1);
        writer.WriteMapHeader(0);
        writer.Write(LeanViewer.JoinInvocationId);
        writer.Write(HubMethods.JoinRoom);
        writer.WriteArrayHeader(2);
        writer.Write(roomId);
        if (lastSeq is { } seq) writer.Write(seq);
        else writer.WriteNil();
        writer.Flush();
        return Frame(LengthPrefixed(body.WrittenSpan), binary: true);
    }

    /// <summary>A SignalR ping (type 6): keeps the server's client timeout (30 s) from closing an idle viewer.</summary>
    public static byte[] Ping(LeanProtocol protocol) => protocol == LeanProtocol.Json
        ? Frame("{\"type\":6}\u001e"u8.ToArray(), binary: false)
        : Frame(LengthPrefixed([0x91, 0x06]), binary: true);

    /// <summary>A WebSocket pong (opcode 10) answering a server ping with its payload.</summary>
    public static byte[] Pong(ReadOnlySpan<byte> payload) => Frame(payload, binary: false, opcode: 0xA);

    /// <summary>A close frame (opcode 8, status 1000).</summary>
    public static byte[] Close() => Frame([0x03, 0xE8], binary: false, opcode: 0x8);

    private static byte[] LengthPrefixed(ReadOnlySpan<byte> message)
    {
        var prefix = new List<byte>(5);
        var length = (uint)message.Length;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            prefix.Add(length > 0 ? (byte)(b | 0x80) : b);
        } while (length > 0);
        return [.. prefix, .. message];
    }

    private static byte[] Frame(ReadOnlySpan<byte> payload, bool binary, byte? opcode = null)
    {
        var header = new List<byte>(14) { (byte)(0x80 | (opcode ?? (binary ? 0x2 : 0x1))) };
        if (payload.Length < 126) header.Add((byte)(0x80 | payload.Length));
        else if (payload.Length <= ushort.MaxValue) header.AddRange([0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        else
        {
            header.Add(0x80 | 127);
            for (var shift = 56; shift >= 0; shift -= 8) header.Add((byte)((long)payload.Length >> shift));
        }
        header.AddRange([0, 0, 0, 0]); // mask key
        return [.. header, .. payload];
    }
}

/// <summary>The hub protocol a lean viewer speaks.</summary>
internal enum LeanProtocol
{
    Json,
    MessagePack,
}
