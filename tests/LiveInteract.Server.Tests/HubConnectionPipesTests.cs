using System.IO.Pipelines;
using System.Reflection;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Server.Tests;

/// <summary>
/// Hub connections' pipes rent from the transport's trimming pool, not from ArrayPool.Shared (which allocated a new
/// array per viewer per broadcast at 10,000 viewers). The options have no public setting for it, so these tests are
/// what notices an ASP.NET Core that renamed the private fields.
/// </summary>
public sealed class HubConnectionPipesTests
{
    [Fact]
    public void The_pool_goes_into_both_pipe_options_with_the_thresholds_kept()
    {
        var options = new HttpConnectionDispatcherOptions { TransportMaxBufferSize = 100_000, ApplicationMaxBufferSize = 50_000 };
        using var pool = new TrimmingBlockPool();
        Assert.True(HubConnectionPipes.TryUsePool(options, pool), "HttpConnectionDispatcherOptions has no _transportPipeOptions/_appPipeOptions any more");

        var transport = PipeOptionsOf(options, "TransportPipeOptions");
        Assert.Same(pool, transport.Pool);
        Assert.Equal((100_000L, 50_000L), (transport.PauseWriterThreshold, transport.ResumeWriterThreshold));
        var application = PipeOptionsOf(options, "AppPipeOptions");
        Assert.Same(pool, application.Pool);
        Assert.Equal((50_000L, 25_000L), (application.PauseWriterThreshold, application.ResumeWriterThreshold));
    }

    [Fact]
    public async Task A_viewer_s_messages_go_through_blocks_of_the_trimming_pool()
    {
        await using var server = new LiveServer(settings: LiveServer.Unthrottled());
        server.Start();
        try
        {
            // In-process hosts give Kestrel's sockets Kestrel's own pool (see AddTransportMemoryPool), so the factory's
            // pools here serve the hub's pipes only.
            var factory = server.Services.GetRequiredService<TrimmingBlockPoolFactory>();
            var roomId = (await server.CreateLiveRoom(await server.SignIn("Host", "creator"))).RoomId;
            await using var viewer = await server.Connect(await server.SignIn("Viewer"));
            var got = new TaskCompletionSource<EventBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            viewer.On<EventBatch>(HubMethods.Events, batch => { if (batch.Events.Count > 0) got.TrySetResult(batch); });
            await viewer.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            await viewer.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, "through the pool");
            await got.Task.WaitAsync(TimeSpan.FromSeconds(15));

            Assert.True(factory.Pools.Sum(p => p.AllocatedBlocks) > 0, "the hub connection's pipes did not rent from the trimming pool");
        }
        finally
        {
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static PipeOptions PipeOptionsOf(HttpConnectionDispatcherOptions options, string property) =>
        (PipeOptions)typeof(HttpConnectionDispatcherOptions).GetProperty(property, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(options)!;
}
