using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Testing;

public sealed record ClusterUser(string UserId, string Token);

/// <summary>A viewer as a client app is written: one SignalR connection, events deduplicated by seq, rejoin with lastSeq on another silo.</summary>
public sealed class ClusterViewer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, RoomEvent> _bySeq = new();
    private readonly ConcurrentQueue<long> _pushed = new();
    private HubConnection? _hub;
    private long _duplicates;

    public ClusterViewer(ClusterUser user) => User = user;

    public ClusterUser User { get; }
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public IReadOnlyCollection<long> Seqs => [.. _bySeq.Keys.Order()];
    public long HighestSeq => _bySeq.IsEmpty ? 0 : _bySeq.Keys.Max();
    public IReadOnlyList<long> PushedInOrder => [.. _pushed];
    public HubConnection Hub => _hub!;

    /// <summary>Connects to <paramref name="silo"/> and joins, retrying while the cluster recovers (as client apps do).</summary>
    public Task Join(Uri silo, string roomId) => Join(() => silo, roomId);

    /// <summary>As <see cref="Join(Uri, string)"/>, asking <paramref name="nextSilo"/> for an address on every attempt
    /// (a client that moves on from a silo that stopped answering).</summary>
    public Task Join(Func<Uri> nextSilo, string roomId) =>
        Eventually.Succeeds(() => JoinOnce(nextSilo(), roomId), $"a join to room {roomId}", TimeSpan.FromSeconds(60));

    private async Task JoinOnce(Uri silo, string roomId)
    {
        if (_hub is not null) await _hub.DisposeAsync();
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(silo, "hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(User.Token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        _hub.On<EventBatch>(HubMethods.Events, batch =>
        {
            foreach (var e in batch.Events)
            {
                _pushed.Enqueue(e.Seq);
                if (!_bySeq.TryAdd(e.Seq, e)) Interlocked.Increment(ref _duplicates);
            }
        });
        await _hub.StartAsync();
        var snapshot = await _hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, _bySeq.IsEmpty ? null : HighestSeq);
        foreach (var e in snapshot.Events) _bySeq.TryAdd(e.Seq, e);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }

    public static async Task<ClusterUser> SignIn(Uri silo, string name, string role = "viewer")
    {
        using var http = new HttpClient { BaseAddress = silo };
        var response = await http.PostAsJsonAsync("api/auth/token", new { name, role });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return new ClusterUser(token!.UserId, token.Token);
    }

    public static async Task<string> CreateLiveRoom(Uri silo, ClusterUser creator)
    {
        using var http = new HttpClient { BaseAddress = silo };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", creator.Token);
        var created = await http.PostAsJsonAsync("api/rooms", new { title = "cluster room" });
        created.EnsureSuccessStatusCode();
        var room = await created.Content.ReadFromJsonAsync<RoomSnapshot>();
        (await http.PostAsync($"api/rooms/{room!.RoomId}/start", null)).EnsureSuccessStatusCode();
        return room.RoomId;
    }

    private sealed record TokenResponse(string Token, string UserId);
}
