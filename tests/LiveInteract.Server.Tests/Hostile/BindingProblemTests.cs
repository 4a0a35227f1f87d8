using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// A server in the Production environment, as deployed: outside Development, minimal APIs answer a value that does not
/// bind with a bare 400 unless told to throw it to the exception handler (the test host's default is Development, where
/// they throw anyway, so only a Production server shows the difference).
/// </summary>
public sealed class ProductionServerFixture() : LiveServerFixture(new Dictionary<string, string?> { [WebHostDefaults.EnvironmentKey] = "Production" });

[Collection(HostileCollection.Name)]
public sealed class BindingProblemTests(ProductionServerFixture fixture) : IClassFixture<ProductionServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_value_that_does_not_bind_gets_a_problem_naming_the_parameter_not_a_bare_400()
    {
        var creator = await Server.SignIn("Binder", "creator");
        var room = await Server.CreateLiveRoom(creator);
        using var http = Server.Http(creator.Token);
        using var anonymous = Server.Http();
        var cases = new (Func<Task<HttpResponseMessage>> Call, string Names)[]
        {
            (() => http.GetAsync("api/rooms?limit=abc"), "limit"),
            (() => http.PostAsync($"api/rooms/{room.RoomId}/clips", Json("""{"seconds":"abc"}""")), "request body"),
            (() => http.PostAsync("api/wallet/topup", Json("""{"coins":1e30}""")), "request body"),
            (() => http.PostAsync("api/rooms", Json("{not json")), "request body"),
            (() => anonymous.PostAsync("api/auth/token", Json("""{"name":5,"role":[]}""")), "request body"),
        };
        foreach (var (call, names) in cases)
        {
            using var response = await call();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("bad_request", problem.GetProperty("code").GetString());
            Assert.Contains(names, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
