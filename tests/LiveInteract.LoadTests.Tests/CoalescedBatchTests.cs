using LiveInteract.Client;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Auth;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.LoadTests.Running;
using LiveInteract.LoadTests.Running.Lean;
using LiveInteract.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// A relay that fell behind sends several queued batches as one <c>Events</c> message; the load tool's viewers must
/// count each comment in it once, lean (its own frame scanner) and SDK (<see cref="LiveClient"/>) alike, in both hub
/// protocols, or a run of an overloaded server reports coalescing as loss. Real server and sockets; the relay's loop
/// is held while the room publishes, as a relay busy with a big room would be.
/// </summary>
public sealed class CoalescedBatchTests
{
    private const int Comments = 8;

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task Lean_and_sdk_viewers_count_every_comment_of_a_coalesced_message_once(string protocolName)
    {
        var protocol = protocolName == "json" ? LeanProtocol.Json : LeanProtocol.MessagePack;
        await using var server = new LiveServer(settings: LiveServer.Unthrottled());
        server.Start();
        var loops = new LeanReceiveLoops(protocol, 1);
        var leanCounters = new RunCounters();
        var sdkCounters = new RunCounters();
        var ledger = new CommentLedger(1_000);
        List<int> numbers = [];
        try
        {
            var roomId = (await server.CreateLiveRoom(await server.SignIn("Host", "creator"))).RoomId;
            await using var talker = await server.Connect(await server.SignIn("Talker"));
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            var hub = new UriBuilder(new Uri(server.BaseAddress, HubRoutes.Live.TrimStart('/'))) { Scheme = "ws" }.Uri;
            await using var lean = await LeanViewer.Connect(loops, hub, (await server.SignIn("Lean")).Token, null, 0, roomId, 0, protocol, leanCounters, 0, CancellationToken.None);
            var client = new LiveClient(new LiveClientOptions
            {
                ServerUrl = server.BaseAddress,
                Protocol = protocol == LeanProtocol.MessagePack ? HubProtocol.MessagePack() : HubProtocol.Json,
            });
            await client.SignInAsGuestAsync("Sdk", UserRole.Viewer);
            await using var sdk = new SimulatedViewer(1, roomId, 0, client, sdkCounters, 0);
            await sdk.ConnectAndJoin(CancellationToken.None);
            var coalescedBefore = HeldRelay.CoalescedBatches(server);

            await using (var held = await HeldRelay.Hold(server, roomId))
            {
                long lastSeq = 0;
                for (var i = 0; i < Comments; i++) // each after the previous receipt: one batch each
                {
                    numbers.Add(ledger.Begin(0, out var text));
                    lastSeq = (await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, text)).Seq;
                }
                await held.UntilQueued(lastSeq);
            }

            await Eventually.Until(() => numbers.All(n => lean.HasReceived(n) && sdk.HasReceived(n)), "every comment at both viewers",
                state: () => $"lean {leanCounters.DeliveredCount}, sdk {sdkCounters.DeliveredCount} of {Comments}");
            // Counted before the merged message is written, so it is in by the time the viewer has it.
            Assert.True(HeldRelay.CoalescedBatches(server) - coalescedBefore >= Comments - 1, "the relay to count the coalesced batches");
            Assert.Equal((Comments, 0L), (leanCounters.DeliveredCount, lean.Duplicates));
            Assert.Equal((Comments, 0L), (sdkCounters.DeliveredCount, sdk.Duplicates));
            Assert.Null(lean.FailedBecause);
        }
        finally
        {
            loops.Stop();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }
}
