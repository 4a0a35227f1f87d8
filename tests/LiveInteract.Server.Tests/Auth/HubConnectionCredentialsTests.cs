using System.Collections.Concurrent;
using System.Security.Claims;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Tests.Auth;

/// <summary>
/// A hub connection keeps its request for its whole life, so the server keeps no token text or parsed token with it
/// (docs/BENCHMARKS.md "Memory per viewer"): what each hub call sees of its connection's request is recorded here.
/// </summary>
public sealed class HubConnectionCredentialsTests
{
    [Fact]
    public async Task A_hub_connection_keeps_its_claims_but_no_bearer_header_saved_token_or_parsed_token_and_still_works()
    {
        var seen = new ConcurrentQueue<SeenCall>();
        await using var server = new LiveServer(services: s =>
        {
            s.AddSingleton(new CallRecorder(seen));
            s.Configure<HubOptions>(o => o.AddFilter<CallRecorder>());
        }).Start();
        var creator = await server.SignIn("Host", "creator");
        var room = await server.CreateLiveRoom(creator);
        var viewer = await server.SignIn("Vera");
        // The token in the Authorization header, as native clients send it (browsers put it in the query instead).
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, HubRoutes.Live.TrimStart('/')), o =>
            {
                o.Headers["Authorization"] = $"Bearer {viewer.Token}";
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await hub.StartAsync();

        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        var receipt = await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello");

        Assert.True(receipt.Seq > 0);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, call =>
        {
            Assert.Equal(viewer.UserId, call.UserId);
            Assert.Equal("Vera", call.Name);
            Assert.Equal(LiveClaims.Viewer, call.Role);
            Assert.True(call.HasIssuedAt && call.HasExpiry, "iat and exp stay (revocation and expiry read them)");
            Assert.False(call.HasBearerHeader, "the bearer header is dropped once the token is validated");
            Assert.False(call.HasSavedToken, "the token is not saved in the authentication result");
            Assert.False(call.HoldsParsedToken, "the principal does not point at the parsed token");
            Assert.NotNull(call.ExpiresUtc); // CloseOnAuthenticationExpiration still has the token's expiry
        });
    }

    [Fact]
    public void A_detached_principal_has_the_same_claims_and_shares_their_names()
    {
        ClaimsPrincipal Token(string userId) => new(new ClaimsIdentity(
            [new Claim(new string(LiveClaims.UserId.AsSpan()), userId, ClaimValueTypes.String, "liveinteract"), new Claim(new string(LiveClaims.Role.AsSpan()), new string(LiveClaims.Viewer.AsSpan()), ClaimValueTypes.String, "liveinteract")],
            "AuthenticationTypes.Federation", LiveClaims.Name, LiveClaims.Role));

        var first = DetachedPrincipal.Of(Token("u1"));
        var second = DetachedPrincipal.Of(Token("u2"));

        var identity = Assert.Single(first.Identities);
        Assert.Equal(("AuthenticationTypes.Federation", LiveClaims.Name, LiveClaims.Role, true),
            (identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType, identity.IsAuthenticated));
        Assert.Equal([(LiveClaims.UserId, "u1", "liveinteract"), (LiveClaims.Role, LiveClaims.Viewer, "liveinteract")],
            first.Claims.Select(c => (c.Type, c.Value, c.Issuer)).ToArray());
        Assert.Same(first.Claims.First().Type, second.Claims.First().Type);
        Assert.Same(first.FindFirst(LiveClaims.Role)!.Value, second.FindFirst(LiveClaims.Role)!.Value);
    }

    private sealed record SeenCall(string? UserId, string? Name, string? Role, bool HasIssuedAt, bool HasExpiry,
        bool HasBearerHeader, bool HasSavedToken, bool HoldsParsedToken, DateTimeOffset? ExpiresUtc);

    private sealed class CallRecorder(ConcurrentQueue<SeenCall> seen) : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            var context = invocationContext.Context;
            var http = context.GetHttpContext()!;
            var result = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
            var user = context.User!;
            seen.Enqueue(new SeenCall(user.FindFirst(LiveClaims.UserId)?.Value, user.FindFirst(LiveClaims.Name)?.Value,
                user.FindFirst(LiveClaims.Role)?.Value, user.HasClaim(c => c.Type == "iat"), user.HasClaim(c => c.Type == "exp"),
                http.Request.Headers.Authorization.Count > 0,
                result?.Properties?.GetTokenValue("access_token") is not null,
                user.Identities.Concat(http.User.Identities).Concat(result?.Principal?.Identities ?? [])
                    .Any(i => i is CaseSensitiveClaimsIdentity { SecurityToken: not null } || i.BootstrapContext is not null),
                result?.Properties?.ExpiresUtc));
            return next(invocationContext);
        }
    }
}
