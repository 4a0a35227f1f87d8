using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>Reads a live's insights as its creator until they show what a test drove (figures arrive with the room's batches).</summary>
public static class InsightsWaits
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<RoomInsights> WaitForInsights(this LiveServer server, TestUser creator, string roomId, Func<RoomInsights, bool> condition, string what)
    {
        using var http = server.Http(creator.Token);
        RoomInsights? last = null;
        await Eventually.Until(async () =>
        {
            var response = await http.GetAsync($"api/rooms/{roomId}/insights");
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            response.EnsureSuccessStatusCode();
            last = await response.Content.ReadFromJsonAsync<RoomInsights>(Json);
            return condition(last!);
        }, what, state: () => JsonSerializer.Serialize(last, Json));
        return last!;
    }
}
