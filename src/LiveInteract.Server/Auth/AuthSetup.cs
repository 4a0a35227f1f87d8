using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Server.Auth;

public static class AuthSetup
{
    public static WebApplicationBuilder AddLiveInteractAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RoleMap.Values.All(v => v is LiveClaims.Viewer or LiveClaims.Creator or LiveClaims.Guest), "Auth:RoleMap values must be viewer, creator or guest")
            .ValidateOnStart();
        // The Cluster profile refuses to start with a weak key (checked at start, not at the first request).
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, ClusterSigningKeyValidation>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<TokenRevocations>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenRevocations>());
        builder.Services.AddOptions<HubOptions>().Configure(hub => hub.AddFilter<TokenRevocationHubFilter>());
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore, IOptions<AuthOptions>>((jwt, keys, auth) =>
            {
                jwt.MapInboundClaims = false;
                // Nothing reads the token back from the authentication result; a hub connection would keep a copy per viewer.
                jwt.SaveToken = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.EffectiveAudience,
                    IssuerSigningKey = keys.Key,
                    ValidAlgorithms = ExternalIdentity.Algorithms,
                    NameClaimType = LiveClaims.Name,
                    RoleClaimType = LiveClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                // An external identity provider's keys join the server's own (JwtBearer merges them in per request).
                if (!string.IsNullOrEmpty(auth.Value.Jwks)) jwt.ConfigurationManager = JwksConfigurationRetriever.Manager(auth.Value);
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: the hub and the video ingest (only) take the token from the query.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        var path = context.HttpContext.Request.Path;
                        if (!string.IsNullOrEmpty(token) && (path.StartsWithSegments(HubRoutes.Live) || IsIngest(path)))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        // A hub connection keeps its request (principal and headers included) for its whole life: it keeps
                        // only the claims of our own tokens, not the parsed token, and not the bearer header, which nothing
                        // reads after this. A REST request ends at once and pays for neither.
                        var hubConnection = context.HttpContext.Request.Path.StartsWithSegments(HubRoutes.Live);
                        // The server's own tokens are HS256 and already in our claim shape; the provider's are mapped.
                        if (context.SecurityToken is JsonWebToken { Alg: not SecurityAlgorithms.HmacSha256 } && context.Principal is not null)
                        {
                            var mapped = ExternalClaimMapper.Map(context.Principal, auth.Value);
                            if (mapped is null) { context.Fail($"token has no {auth.Value.UserIdClaim} claim"); return; }
                            context.Principal = new System.Security.Claims.ClaimsPrincipal(mapped);
                        }
                        else if (hubConnection && context.Principal is not null) context.Principal = DetachedPrincipal.Of(context.Principal);
                        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
                        if (await revocations.IsRevoked(context.Principal)) context.Fail("token revoked");
                        else if (hubConnection) context.HttpContext.Request.Headers.Authorization = default;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(LiveClaims.CreatorPolicy, p => p.RequireClaim(LiveClaims.Role, LiveClaims.Creator))
            .AddPolicy(LiveClaims.MemberPolicy, p => p.RequireClaim(LiveClaims.Role, LiveClaims.Viewer, LiveClaims.Creator));
        return builder;
    }

    private static bool IsIngest(PathString path) =>
        path.StartsWithSegments("/rooms") && path.Value!.EndsWith("/ingest", StringComparison.Ordinal);
}
