using System.Diagnostics;
using System.Globalization;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// Every comment the generator sends: its number, room, send and acknowledgement time (Stopwatch ticks; all
/// viewers live in this process, so one clock measures end-to-end). The comment text carries number and send
/// time, so a receiver needs nothing else to compute latency and to spot loss and duplicates.
/// </summary>
public sealed class CommentLedger(int capacity)
{
    private const string Prefix = "lt:";
    private readonly int[] _room = new int[capacity];
    private readonly long[] _sent = new long[capacity];
    private readonly long[] _acked = new long[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), capacity);

    /// <summary>Reserves the next number, or -1 when the ledger is full (the run then stops sending comments).</summary>
    public int Begin(int room, out string text)
    {
        var number = Interlocked.Increment(ref _count) - 1;
        if (number >= capacity)
        {
            text = "";
            return -1;
        }
        var now = Stopwatch.GetTimestamp();
        _room[number] = room;
        _sent[number] = now;
        text = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{number}:{now}");
        return number;
    }

    public void Acknowledge(int number) => Volatile.Write(ref _acked[number], Stopwatch.GetTimestamp());

    public int RoomOf(int number) => _room[number];
    public long SentAt(int number) => _sent[number];
    /// <summary>0 when the server refused the comment or never answered.</summary>
    public long AckedAt(int number) => Volatile.Read(ref _acked[number]);

    /// <summary>The same as <see cref="TryParse(string, out int, out long)"/> on the UTF-8 bytes of a frame, without making a string.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out int number, out long sentTicks)
    {
        number = 0;
        sentTicks = 0;
        if (!text.StartsWith("lt:"u8)) return false;
        var span = text[3..];
        var colon = span.IndexOf((byte)':');
        return colon > 0
            && System.Buffers.Text.Utf8Parser.TryParse(span[..colon], out number, out var used) && used == colon && number >= 0
            && System.Buffers.Text.Utf8Parser.TryParse(span[(colon + 1)..], out sentTicks, out used) && used == span.Length - colon - 1;
    }

    /// <summary>Parses a comment text this ledger produced; false for any other comment (e.g. demo chatter).</summary>
    public static bool TryParse(string text, out int number, out long sentTicks)
    {
        number = 0;
        sentTicks = 0;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var span = text.AsSpan(Prefix.Length);
        var colon = span.IndexOf(':');
        return colon > 0
            && int.TryParse(span[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && long.TryParse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out sentTicks);
    }
}
