using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Gifts.Bench;

/// <summary>
/// Bytes one tick writes once a room holds <c>buffered</c> events: fill the room, let it go quiet, then send one comment
/// (and ten) at a time and count what storage wrote for that tick: room states (<see cref="CountingGrainStorage"/>)
/// plus log appends (<c>writtenBytes</c> sums both).
/// </summary>
public sealed class TickBytesBench(IGrainFactory grains, Func<long> writtenBytes)
{
    private static readonly Actor Creator = new("tick-creator", "Creator");
    private static readonly Actor Viewer = new("tick-viewer", "Viewer");

    public async Task<string> Run(int buffered)
    {
        var room = grains.GetGrain<IRoomGrain>($"tick-{buffered}-{Guid.NewGuid():N}");
        await room.Create(Creator, "bytes per tick");
        await room.Start(Creator);
        for (var i = 0; i < buffered; i++) await room.SendComment(Viewer, $"filler comment number {i} with some ordinary chat text");
        await Task.Delay(500);
        var one = new List<long>();
        var ten = new List<long>();
        for (var round = 0; round < 15; round++)
        {
            one.Add(await Measure(async () => await room.SendComment(Viewer, $"one comment {round}")));
            ten.Add(await Measure(() => Task.WhenAll(Enumerable.Range(0, 10).Select(i => room.SendComment(Viewer, $"ten comments {round} {i}")))));
        }
        return $"| {buffered} | {Median(one)} | {Median(ten)} |";
    }

    private async Task<long> Measure(Func<Task> act)
    {
        var before = writtenBytes();
        await act();
        await Task.Delay(200); // the tick (25 ms) and its write are done well within this
        return writtenBytes() - before;
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
