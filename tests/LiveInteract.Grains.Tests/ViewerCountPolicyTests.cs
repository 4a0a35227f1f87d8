using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms;

namespace LiveInteract.Grains.Tests;

public sealed class ViewerCountPolicyTests
{
    private static readonly RoomOptions Options = new()
    {
        ViewerCountInterval = TimeSpan.FromMilliseconds(250),
        MaxViewerCountInterval = TimeSpan.FromSeconds(2),
        ViewersPerViewerCountStep = 1000,
    };

    [Fact]
    public void The_interval_grows_with_the_audience_up_to_its_cap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), ViewerCountPolicy.Interval(Options, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(500), ViewerCountPolicy.Interval(Options, 1000));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ViewerCountPolicy.Interval(Options, 5000));
        Assert.Equal(TimeSpan.FromSeconds(2), ViewerCountPolicy.Interval(Options, 10_000));
        Assert.Equal(TimeSpan.FromSeconds(2), ViewerCountPolicy.Interval(Options, 1_000_000));
    }

    [Fact]
    public void A_changed_viewer_count_waits_until_due_while_likes_and_comments_go_at_once()
    {
        var sent = new RoomCounters(5000, 10, 3);
        var filling = new RoomCounters(5100, 10, 3);
        // 5,100 viewers: due after 1.525 s.
        Assert.Equal(sent, ViewerCountPolicy.Shown(Options, filling, sent, TimeSpan.FromSeconds(1)));
        Assert.Equal(filling, ViewerCountPolicy.Shown(Options, filling, sent, TimeSpan.FromSeconds(1.6)));
        // A like goes out now, with the viewer count still held at the last one sent.
        var liked = filling with { Likes = 11 };
        Assert.Equal(sent with { Likes = 11 }, ViewerCountPolicy.Shown(Options, liked, sent, TimeSpan.FromMilliseconds(30)));
        // A small room's count goes after 250 ms, as the relays report it.
        var small = new RoomCounters(3, 0, 0);
        Assert.Equal(small, ViewerCountPolicy.Shown(Options, small, new RoomCounters(2, 0, 0), TimeSpan.FromMilliseconds(251)));
    }
}
