using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Server.Auth;

public static class AuthSetup
{
    public static WebApplicationBuilder AddLiveInteractAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore, IOptions<AuthOptions>>((jwt, keys, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Issuer,
                    IssuerSigningKey = keys.Key,
                    NameClaimType = LiveClaims.Name,
                    RoleClaimType = LiveClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: the hub (only) takes the token from the query.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubRoutes.Live))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(LiveClaims.CreatorPolicy, p => p.RequireClaim(LiveClaims.Role, LiveClaims.Creator))
            .AddPolicy(LiveClaims.MemberPolicy, p => p.RequireClaim(LiveClaims.Role, LiveClaims.Viewer, LiveClaims.Creator));
        return builder;
    }
}
