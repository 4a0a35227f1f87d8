using System.Net.Http.Json;

namespace LiveInteract.LoadTests.Reporting;

/// <summary>Reads the target's <c>GET /ops/memory</c> (a full GC, then live managed bytes and RSS); null when it has none.</summary>
public static class MemoryScraper
{
    public sealed record Figures(long ManagedBytes, long WorkingSetBytes);

    public static async Task<Figures?> Read(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("ops/memory", UriKind.Relative), cancellationToken);
            if (!response.IsSuccessStatusCode) return null;
            return await response.Content.ReadFromJsonAsync<Figures>(cancellationToken);
        }
        catch (HttpRequestException) { return null; }
    }
}
