using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// A comment flood above the room's display rate: every comment is accepted and counted, only some get a seq and
/// reach the relays, and the batches say how many were not shown. Seqs stay gap-free.
/// </summary>
public sealed class CommentSamplingTests
{
    private static readonly Actor Creator = new("creator-1", "Creator");

    [Fact]
    public async Task A_flood_is_counted_whole_shown_in_part_and_the_batches_say_how_many_went_unshown()
    {
        const int flood = 60;
        var fixture = new ClusterFixture { ConfigureRooms = o => o.CommentDisplayRate = 8 };
        await fixture.InitializeAsync();
        try
        {
            var room = fixture.Grains.GetGrain<IRoomGrain>("sampled-room");
            var relay = new RecordingRelay();
            await room.Create(Creator, "Flood");
            await room.Start(Creator); // seq 1
            await room.Subscribe("silo-test", fixture.Grains.CreateObjectReference<IRoomFanout>(relay));

            var receipts = await Task.WhenAll(Enumerable.Range(0, flood).Select(i => room.SendComment(new Actor($"viewer-{i}", $"Viewer {i}"), $"flood {i}")));
            var shown = receipts.Where(r => !r.Sampled).ToList();
            var sampled = receipts.Count(r => r.Sampled);

            // A burst of 60 at a rate of 8/s: the quarter-second burst (2) plus what refills while they arrive.
            Assert.InRange(sampled, 1, flood - 2);
            Assert.All(receipts.Where(r => r.Sampled), r => Assert.Equal((0L, ""), (r.Seq, r.CommentId)));
            // Shown comments take the seqs after the start, with no gap where a sampled one came in between.
            Assert.Equal(Enumerable.Range(2, shown.Count).Select(i => (long)i), shown.Select(r => r.Seq).Order());

            // The relay gets the shown comments and, over its batches, the count of the others; the total counts all.
            await relay.WaitFor(b => b.Counters?.Comments == flood);
            await Eventually.Until(() => relay.Batches.Sum(b => b.Sampled) == sampled, "every sampled comment reported in a batch", TimeSpan.FromSeconds(10));
            Assert.Equal(shown.Count, relay.Batches.SelectMany(b => b.Events).OfType<CommentEvent>().Select(c => c.Seq).Distinct().Count());
            Assert.Equal(flood, (await room.GetSnapshot(null, null)).Counters.Comments);

            // Once the flood has passed, comments are shown again.
            await Eventually.Until(async () => !(await room.SendComment(Creator, "after the flood")).Sampled, "a comment shown again once the flood passed", TimeSpan.FromSeconds(10));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
