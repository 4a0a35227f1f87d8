using System.Collections.Concurrent;
using System.Diagnostics;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LiveInteract.Server.Tests;

/// <summary>
/// Traces cost every request and grain call an activity, so they are on only when they are exported
/// (OTEL_EXPORTER_OTLP_ENDPOINT, docs/OPERATIONS.md): a join without it carries no trace, with it the grain call is traced.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_tracer_runs_and_a_join_makes_no_grain_call_activity()
    {
        var (tracer, grainActivities) = await JoinAndRecord(new Dictionary<string, string?>());
        Assert.Null(tracer);
        Assert.Empty(grainActivities);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_join_and_its_grain_call_are_traced()
    {
        // Nothing listens on the port: the exporter's failures stay inside it.
        var endpoint = $"http://127.0.0.1:{Ports.Free()}";
        var (tracer, grainActivities) = await JoinAndRecord(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint });
        Assert.NotNull(tracer);
        Assert.NotEmpty(grainActivities);
    }

    /// <summary>Joins a room on a fresh server and returns its tracer and the Orleans join activities started meanwhile.</summary>
    private static async Task<(TracerProvider? Tracer, IReadOnlyCollection<string> GrainActivities)> JoinAndRecord(IDictionary<string, string?> settings)
    {
        var started = new ConcurrentQueue<string>();
        // Orleans creates grain-call activities only through its propagation filters; this listener makes none by itself.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => started.Enqueue(activity.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);
        var server = new LiveServer(settings: settings).Start();
        try
        {
            var room = await server.CreateLiveRoom(await server.SignIn("Tia", "creator"));
            await using var hub = await server.Connect(await server.SignIn("Ugo"));
            started.Clear();
            var snapshot = await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            Assert.Equal(room.RoomId, snapshot.RoomId);
            // Other test classes' servers run beside this one: only join calls count.
            return (server.Services.GetService<TracerProvider>(), [.. started.Where(name => name.Contains("Join", StringComparison.Ordinal))]);
        }
        finally
        {
            await server.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }
}
