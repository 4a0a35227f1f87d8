using LiveInteract.Contracts.Service;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Text;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Service;

/// <summary>The service API: called by the operator's backend with an API key, never by end users.</summary>
public static class ServiceEndpoints
{
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ServiceApi.Routes).WithTags("Service").RequireAuthorization(ServiceApi.Policy);

        group.MapPost("/tokens", (ServiceTokenRequest request, TokenService tokens, IOptions<AuthOptions> auth, IOptions<ServiceApiOptions> options) =>
        {
            var userId = ServiceUserIds.Validate(request.UserId);
            var name = TextSanitizer.Require(request.DisplayName, "displayName", auth.Value.MaxDisplayNameLength);
            var role = request.Role ?? LiveClaims.Viewer;
            if (role is not (LiveClaims.Viewer or LiveClaims.Creator or LiveClaims.Guest))
                throw new LiveInteractException(ErrorCodes.BadRequest, "role must be viewer, creator or guest");
            var rooms = request.ModeratorOf ?? [];
            if (rooms.Count > options.Value.MaxModeratorRooms)
                throw new LiveInteractException(ErrorCodes.BadRequest, $"moderatorOf may name at most {options.Value.MaxModeratorRooms} rooms");
            if (role == LiveClaims.Guest && rooms.Count > 0)
                throw new LiveInteractException(ErrorCodes.BadRequest, "a guest cannot moderate");
            var moderatorOf = rooms.Select(r => RoomIds.Validate(r)).Distinct(StringComparer.Ordinal).ToArray();
            return tokens.Issue(userId, name, role, moderatorOf);
        })
        .WithSummary("Issue a token for one of the operator's users (role, rooms they moderate)");

        group.MapPost("/wallets/{userId}/credits", (string userId, PurchaseCreditRequest request, IGrainFactory grains) =>
            grains.GetGrain<IWalletGrain>(ServiceUserIds.Validate(userId)).CreditPurchase(request.PurchaseId ?? "", request.Coins))
        .WithSummary("Credit a purchase to a user's wallet, exactly once per purchaseId (a repeat returns the first credit)");

        group.MapPost("/users/{userId}/revoke", async (string userId, TokenRevocations revocations) =>
        {
            var notBefore = await revocations.Revoke(ServiceUserIds.Validate(userId));
            return new RevokeResponse(userId, notBefore);
        })
        .WithSummary("Refuse every token of this user issued up to now, on every silo within Auth:RevocationCheckInterval");

        group.MapGet("/users/{userId}/export", (string userId, IGrainFactory grains) =>
            grains.GetGrain<IUserPrivacyGrain>(ServiceUserIds.Validate(userId)).Export())
        .WithSummary("Everything stored about a user, as JSON (docs/PRIVACY.md)");

        group.MapPost("/users/{userId}/erase", async (string userId, IGrainFactory grains, TokenRevocations revocations) =>
        {
            var id = ServiceUserIds.Validate(userId);
            var result = await grains.GetGrain<IUserPrivacyGrain>(id).Erase();
            revocations.Remember(id, result.TokensNotBefore); // this silo refuses the user's tokens at once, not after its cache expires
            return result;
        })
        .WithSummary("Remove or replace a user's personal data everywhere it is stored; money totals stay, anonymised (docs/PRIVACY.md)");

        return app;
    }
}
