using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveInteract.Contracts.Gifts;

namespace LiveInteract.Testing;

/// <summary>REST calls the cluster tests make around the hub: where a room runs, wallets and earnings.</summary>
public static class ClusterOps
{
    public sealed record Placement(string RoomId, string? GrainSilo, int? GrainSiloPort, string AnsweredBy, bool VideoHere);

    /// <summary>Asks <paramref name="silo"/> (GET /ops/rooms/{id}/placement) where the room grain is active.</summary>
    public static async Task<Placement> PlacementOf(SiloProcess silo, string roomId)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        return (await http.GetFromJsonAsync<Placement>($"ops/rooms/{roomId}/placement"))!;
    }

    /// <summary>The silo process holding the room grain's activation.</summary>
    public static async Task<SiloProcess> HostOf(IReadOnlyList<SiloProcess> silos, string roomId)
    {
        var placement = await PlacementOf(silos.First(s => !s.Exited), roomId);
        return silos.Single(s => s.SiloPort == placement.GrainSiloPort);
    }

    public static HttpClient Http(SiloProcess silo, ClusterUser user)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return http;
    }

    public static async Task<WalletView> TopUp(SiloProcess silo, ClusterUser user, long coins)
    {
        using var http = Http(silo, user);
        var response = await http.PostAsJsonAsync("api/wallet/topup", new { coins });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WalletView>())!;
    }

    public static async Task<WalletView> Wallet(SiloProcess silo, ClusterUser user)
    {
        using var http = Http(silo, user);
        return (await http.GetFromJsonAsync<WalletView>("api/wallet"))!;
    }

    public static async Task<CreatorEarnings> Earnings(SiloProcess silo, ClusterUser creator)
    {
        using var http = Http(silo, creator);
        return (await http.GetFromJsonAsync<CreatorEarnings>($"api/creators/{creator.UserId}/earnings"))!;
    }

    /// <summary>Starts <paramref name="count"/> silos at once (each waits for its own /healthz).</summary>
    public static async Task<List<SiloProcess>> StartSilos(RedisServer redis, string clusterId, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => SiloProcess.Start(redis, clusterId)))];

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> with at most <paramref name="parallel"/> at a time.</summary>
    public static Task ForEach<T>(IEnumerable<T> items, int parallel, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, _) => await work(item));
}
