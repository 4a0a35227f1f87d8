using LiveInteract.Grains.Rooms;

namespace LiveInteract.Grains.Tests;

public sealed class CommentSamplerTests
{
    [Fact]
    public void Shows_a_quarter_second_burst_then_the_rate_spread_over_time()
    {
        var sampler = new CommentSampler(perSecond: 40);
        // A flood at one instant: the burst (10) is shown, the rest counted out.
        Assert.Equal(10, Enumerable.Range(0, 100).Count(_ => sampler.Show(1_000)));
        // A second of flood, one comment a millisecond: about 40 shown, evenly (one every 25 ms).
        var shownAt = Enumerable.Range(1, 1000).Where(ms => sampler.Show(1_000 + ms)).ToList();
        Assert.Equal(40, shownAt.Count);
        Assert.All(shownAt.Zip(shownAt.Skip(1)), pair => Assert.Equal(25, pair.Second - pair.First));
    }

    [Fact]
    public void A_quiet_room_shows_everything_and_zero_means_no_sampling()
    {
        var sampler = new CommentSampler(perSecond: 4);
        // One comment a second, far under the rate: all shown.
        Assert.All(Enumerable.Range(0, 50), s => Assert.True(sampler.Show(s * 1000L)));
        var off = new CommentSampler(perSecond: 0);
        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.True(off.Show(0)));
    }
}
