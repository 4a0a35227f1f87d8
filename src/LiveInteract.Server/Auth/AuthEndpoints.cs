using LiveInteract.Contracts.Auth;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Text;
using LiveInteract.Server.Abuse;
using LiveInteract.Server.Hosting;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", (TokenRequest request, TokenService tokens, IOptions<AuthOptions> options, IOptions<HostingOptions> hosting) =>
        {
            if (!(options.Value.GuestTokens ?? !hosting.Value.IsCluster)) throw new LiveInteractException(ErrorCodes.Forbidden, "guest tokens are turned off");
            var name = TextSanitizer.Require(request.Name, "name", options.Value.MaxDisplayNameLength);
            var role = request.Role ?? LiveClaims.Viewer;
            if (role is not (LiveClaims.Viewer or LiveClaims.Creator or LiveClaims.Guest))
                throw new LiveInteractException(ErrorCodes.BadRequest, "role must be viewer, creator or guest");
            return tokens.Issue(TokenService.NewUserId(), name, role);
        })
        .WithSummary("Issue a guest token")
        .RequireRateLimiting(RestRateLimiting.Tokens)
        .AllowAnonymous();
        return app;
    }
}
