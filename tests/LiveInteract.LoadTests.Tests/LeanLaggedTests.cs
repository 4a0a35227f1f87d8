using System.Text;
using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.LoadTests.Running.Lean;
using MessagePack;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// A lean viewer the server lags (over its outbound budget) must rejoin after the seq it was told, as the SDK does, or
/// an overloaded run reports the gap as lost: the scanner recognises <c>Lagged(roomId, lastSeq)</c> in both protocols
/// and the rejoin carries that seq.
/// </summary>
public sealed class LeanLaggedTests
{
    [Fact]
    public void Lagged_is_recognised_with_its_last_seq_in_json_and_messagepack()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"type":1,"target":"{{HubMethods.Lagged}}","arguments":["room-1",4242]}""");
        var fromJson = FrameScanner.ScanJson(json, null!);
        Assert.Equal((ScannedKind.Lagged, 4242L), (fromJson.Kind, fromJson.LastSeq));

        var body = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(5); // [type, headers, invocationId, target, arguments]
        writer.Write(1);
        writer.WriteMapHeader(0);
        writer.WriteNil();
        writer.Write(HubMethods.Lagged);
        writer.WriteArrayHeader(2);
        writer.Write("room-1");
        writer.Write(4242L);
        writer.Flush();
        var fromMessagePack = FrameScanner.ScanMessagePack(body.WrittenMemory, null!);
        Assert.Equal((ScannedKind.Lagged, 4242L), (fromMessagePack.Kind, fromMessagePack.LastSeq));
    }

    [Fact]
    public void The_rejoin_asks_for_the_events_after_the_last_seq()
    {
        using var message = Message(HubWire.JoinRoom(LeanProtocol.Json, "room-1", 4242));
        var arguments = message.RootElement.GetProperty("arguments");
        Assert.Equal(HubMethods.JoinRoom, message.RootElement.GetProperty("target").GetString());
        Assert.Equal(("room-1", 4242L), (arguments[0].GetString(), arguments[1].GetInt64()));

        using var first = Message(HubWire.JoinRoom(LeanProtocol.Json, "room-1"));
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("arguments")[1].ValueKind);
    }

    /// <summary>A masked client frame (all-zero key) carries the JSON message as it is, ended by the record separator.</summary>
    private static JsonDocument Message(byte[] frame)
    {
        var start = Array.IndexOf(frame, (byte)'{');
        return JsonDocument.Parse(frame.AsMemory(start, Array.IndexOf(frame, (byte)0x1e) - start));
    }
}
