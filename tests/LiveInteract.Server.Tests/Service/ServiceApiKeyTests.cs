using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Service;

public sealed class ServiceApiKeyTests(ServiceApiFixture fixture) : IClassFixture<ServiceApiFixture>
{
    private LiveServer Server => fixture.Server;

    private static object Body(string userId = "op-user-1") => new { userId, displayName = "Olga", role = "viewer" };

    [Fact]
    public async Task Service_routes_refuse_a_missing_a_wrong_an_oversized_key_and_a_user_token_with_401()
    {
        var user = await Server.SignIn("Mallory", "creator");
        using var bearer = Server.Http(user.Token);
        using var none = Server.Service(apiKey: null);
        using var wrong = Server.Service("backend-key-7f3c9e1a52d84b6f9a0e4c2d8b7a6f50");
        using var huge = Server.Service(new string('k', 5000));
        foreach (var (http, message) in new[]
        {
            (none, "the X-Api-Key header is missing"), (bearer, "the X-Api-Key header is missing"),
            (wrong, "the API key is not valid"), (huge, "the API key is not valid"),
        })
        {
            var response = await http.PostAsJsonAsync("api/service/tokens", Body());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_api_key", problem.GetProperty("code").GetString());
            Assert.Equal(message, problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Either_configured_key_issues_a_token_for_the_operators_user_that_the_api_accepts()
    {
        foreach (var key in new[] { ServiceApiFixture.BackendKey, ServiceApiFixture.RotatedKey })
        {
            using var service = Server.Service(key);
            var response = await service.PostAsJsonAsync("api/service/tokens", new { userId = "op-user-42", displayName = "  Olga  ", role = "creator" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("op-user-42", token.GetProperty("userId").GetString());
            Assert.Equal("Olga", token.GetProperty("displayName").GetString());
            Assert.Equal("creator", token.GetProperty("role").GetString());

            // The operator's user is a real creator: their own id, their own room.
            var olga = new TestUser("op-user-42", "Olga", token.GetProperty("token").GetString()!);
            var room = await Server.CreateLiveRoom(olga);
            Assert.Equal("op-user-42", room.CreatorId);
        }
    }

    [Fact]
    public async Task Bad_token_requests_get_a_400_that_says_what_is_wrong()
    {
        using var service = Server.Service();
        var cases = new (object Body, string Message)[]
        {
            (new { userId = "has space", displayName = "X", role = "viewer" }, "userId must be 1 to 64 letters, digits, '_' or '-'"),
            (new { userId = new string('a', 65), displayName = "X", role = "viewer" }, "userId must be 1 to 64 letters, digits, '_' or '-'"),
            (new { userId = "u1", displayName = "X", role = "admin" }, "role must be viewer, creator or guest"),
            (new { userId = "u1", displayName = "X", role = "guest", moderatorOf = new[] { "r1" } }, "a guest cannot moderate"),
            (new { userId = "u1", displayName = "X", role = "viewer", moderatorOf = Enumerable.Range(0, 51).Select(i => $"r{i}").ToArray() }, "moderatorOf may name at most 50 rooms"),
        };
        foreach (var (body, message) in cases)
        {
            var response = await service.PostAsJsonAsync("api/service/tokens", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_token_with_moderatorOf_moderates_that_room_and_no_other()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator, "Moderated");
        var other = await Server.CreateLiveRoom(creator, "Other");
        var troll = await Server.SignIn("Troll");
        var mod = await Server.ServiceSignIn("op-mod-1", "Mia", moderatorOf: [room.RoomId]);
        await using var modHub = await Server.Connect(mod);
        await modHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        await modHub.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
        await using var trollHub = await Server.Connect(troll);
        Assert.EndsWith("you are banned from this room", await trollHub.Refused(HubMethods.JoinRoom, room.RoomId, null));
        Assert.EndsWith("only the room's creator and moderators can do that", await modHub.Refused(HubMethods.BanUser, other.RoomId, troll.UserId));
    }
}
