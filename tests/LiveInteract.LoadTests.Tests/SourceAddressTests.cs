using System.Net;
using System.Net.Sockets;
using LiveInteract.LoadTests.Hosting;
using LiveInteract.LoadTests.Running;

namespace LiveInteract.LoadTests.Tests;

/// <summary>Client sockets bound to 127.0.0.N, the way past the ~28k ephemeral ports of one source address.</summary>
[Collection(LoadCollection.Name)]
public sealed class SourceAddressTests(ServerProcessFixture fixture)
{
    [Theory]
    [InlineData(0, 3, "127.0.0.1")]
    [InlineData(1, 3, "127.0.0.2")]
    [InlineData(5, 3, "127.0.0.3")]
    public async Task A_viewer_connects_from_its_own_loopback_address(int viewer, int addresses, string expected)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(SourceAddressHandler.Create(viewer, addresses)) { Timeout = TimeSpan.FromSeconds(5) };

        var request = http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        using var accepted = await listener.AcceptSocketAsync();

        Assert.Equal(IPAddress.Parse(expected), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
        // The listener never answers; end the request (HttpClient may retry a connection closed before any reply).
        http.CancelPendingRequests();
        await Assert.ThrowsAnyAsync<Exception>(() => request);
    }

    [Fact]
    public async Task A_run_spread_over_source_addresses_loses_nothing()
    {
        var settings = Presets.All["chatty-room"] with { Viewers = 12, RampPerSecond = 100, Duration = TimeSpan.FromSeconds(2), SourceAddresses = 3, LikesPerSecondPerRoom = 0 };

        var result = await new LoadRun(settings, fixture.Url, "liveinteract", fixture.Server).Execute();

        Assert.Equal(12, result.Connections.Established);
        Assert.Equal(0, result.Connections.Failed);
        Assert.Equal(result.Comments.Acknowledged * 12, result.Comments.Delivered);
        Assert.Equal(0, result.Comments.Lost);
    }
}
