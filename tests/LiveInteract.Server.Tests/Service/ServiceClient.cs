using System.Net.Http.Json;
using LiveInteract.Server.Service;

namespace LiveInteract.Server.Tests.Service;

internal static class ServiceClient
{
    /// <summary>
    /// Configures <see cref="ServiceApiFixture.BackendKey"/> as service key 0 ("backend"), by its SHA-256 as an operator
    /// would, so that <see cref="Service"/> calls as the backend: the one place a test server's settings get it.
    /// </summary>
    public static Dictionary<string, string?> WithBackendKey(this Dictionary<string, string?> settings)
    {
        settings["ServiceApi:Keys:0:Name"] = "backend";
        settings["ServiceApi:Keys:0:Sha256"] = ServiceApiFixture.Sha256Hex(ServiceApiFixture.BackendKey);
        return settings;
    }

    /// <summary>An HTTP client that calls as the operator's backend.</summary>
    public static HttpClient Service(this LiveServer server, string? apiKey = ServiceApiFixture.BackendKey)
    {
        var http = server.Http();
        if (apiKey is not null) http.DefaultRequestHeaders.Add(ServiceApi.Header, apiKey);
        return http;
    }

    /// <summary>A token for a real user, issued through the service API.</summary>
    public static async Task<TestUser> ServiceSignIn(this LiveServer server, string userId, string name, string role = "viewer", string[]? moderatorOf = null)
    {
        using var http = server.Service();
        var response = await http.PostAsJsonAsync("api/service/tokens", new { userId, displayName = name, role, moderatorOf });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        return new TestUser(token!.UserId, token.DisplayName, token.Token);
    }

    private sealed record TokenBody(string Token, string UserId, string DisplayName, string Role);
}
