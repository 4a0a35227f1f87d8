using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Tests.Auth;

/// <summary>
/// An in-test identity provider: an RSA and an EC P-256 key published in a JWKS file the server is configured with,
/// tokens signed here with the provider's issuer and audience, and roles/rooms in the provider's own claim names.
/// </summary>
public sealed class ExternalIssuerFixture : IAsyncLifetime
{
    public const string Issuer = "https://idp.example.test/";
    public const string Audience = "liveinteract-api";

    public RSA Rsa { get; } = RSA.Create(2048);
    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public string JwksPath { get; } = Path.Combine(Path.GetTempPath(), $"li-jwks-{Guid.NewGuid():N}.json");
    public LiveServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var rsa = Rsa.ExportParameters(false);
        var ec = Ec.ExportParameters(false);
        var jwks = new
        {
            keys = new object[]
            {
                new { kty = "RSA", kid = "rsa-1", use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(rsa.Modulus), e = Base64UrlEncoder.Encode(rsa.Exponent) },
                new { kty = "EC", kid = "ec-1", use = "sig", alg = "ES256", crv = "P-256", x = Base64UrlEncoder.Encode(ec.Q.X), y = Base64UrlEncoder.Encode(ec.Q.Y) },
            },
        };
        await File.WriteAllTextAsync(JwksPath, JsonSerializer.Serialize(jwks));
        Server = new LiveServer(settings: new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:Jwks"] = JwksPath,
            ["Auth:RoleClaim"] = "roles",
            ["Auth:RoleMap:streamer"] = "creator",
            ["Auth:RoleMap:member"] = "viewer",
            ["Auth:ModeratorOfClaim"] = "moderates",
            ["Auth:NameClaim"] = "preferred_username",
        }).Start();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        LiveServer.DeleteData(Server.DataDirectory);
        File.Delete(JwksPath);
    }

    public string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims, string issuer = Issuer, string audience = Audience, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public SecurityKey RsaKey => new RsaSecurityKey(Rsa) { KeyId = "rsa-1" };
    public SecurityKey EcKey => new ECDsaSecurityKey(Ec) { KeyId = "ec-1" };
}

public sealed class ExternalIdentityTests(ExternalIssuerFixture idp) : IClassFixture<ExternalIssuerFixture>
{
    private LiveServer Server => idp.Server;

    [Fact]
    public async Task An_RS256_token_from_the_provider_signs_in_with_the_mapped_role()
    {
        var token = idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha256, new Dictionary<string, object>
        {
            ["sub"] = "auth0|5f1a",
            ["preferred_username"] = "Stella",
            ["roles"] = new[] { "member", "streamer" },
        });
        using var http = Server.Http(token);
        var created = await http.PostAsJsonAsync("api/rooms", new { title = "From my IdP" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var room = (await created.Content.ReadFromJsonAsync<RoomSnapshot>())!;
        // "auth0|5f1a" is not a valid room-level user id: it becomes a stable hashed one.
        Assert.Matches("^x_[0-9a-f]{32}$", room.CreatorId);
        var again = idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "auth0|5f1a", ["roles"] = "streamer" });
        using var http2 = Server.Http(again);
        Assert.Equal(HttpStatusCode.OK, (await http2.PostAsync($"api/rooms/{room.RoomId}/start", null)).StatusCode);
    }

    [Fact]
    public async Task An_ES256_token_without_a_role_is_a_viewer_and_moderates_the_rooms_in_its_claim()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var troll = await Server.SignIn("Troll");
        var token = idp.Sign(idp.EcKey, SecurityAlgorithms.EcdsaSha256, new Dictionary<string, object>
        {
            ["sub"] = "mod-77",
            ["preferred_username"] = "Mo",
            ["moderates"] = $"{room.RoomId} r-other",
        });
        using var http = Server.Http(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("api/rooms", new { title = "nope" })).StatusCode);
        var mod = new TestUser("mod-77", "Mo", token);
        await using var hub = await Server.Connect(mod);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await hub.InvokeAsync(HubMethods.BanUser, room.RoomId, troll.UserId);
        await using var trollHub = await Server.Connect(troll);
        Assert.EndsWith("you are banned from this room", await trollHub.Refused(HubMethods.JoinRoom, room.RoomId, null));
    }

    [Fact]
    public async Task Tokens_with_a_wrong_issuer_audience_or_key_expired_or_unsigned_are_refused()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "someone", ["roles"] = "streamer" };
        using var stranger = RSA.Create(2048);
        var bad = new[]
        {
            idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha256, claims, issuer: "https://evil.example.test/"),
            idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha256, claims, audience: "someone-else"),
            idp.Sign(new RsaSecurityKey(stranger) { KeyId = "rsa-1" }, SecurityAlgorithms.RsaSha256, claims),
            idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha256, claims, lifetime: TimeSpan.FromMinutes(-5)),
            idp.Sign(idp.RsaKey, SecurityAlgorithms.RsaSha512, claims),
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = ExternalIssuerFixture.Issuer, Audience = ExternalIssuerFixture.Audience,
                Subject = new ClaimsIdentity([new Claim("sub", "someone")]),
            }),
        };
        foreach (var token in bad)
        {
            using var http = Server.Http(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/wallet")).StatusCode);
        }
        // The server's own tokens keep working next to the provider's.
        var guest = await Server.SignIn("Local");
        using var own = Server.Http(guest.Token);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("api/wallet")).StatusCode);
    }
}
