using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Gifts;
using LiveInteract.Server.Abuse;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Hosting;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Gifts;

/// <summary>The gift catalog, the caller's wallet and ledger, and creator earnings.</summary>
public static class GiftEndpoints
{
    public static IEndpointRouteBuilder MapGiftEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/gifts", (GiftCatalog catalog) => catalog.All)
            .WithTags("Gifts")
            .WithSummary("The gift catalog, cheapest first")
            .AllowAnonymous();

        var wallet = app.MapGroup("/api/wallet").WithTags("Wallet").RequireAuthorization();

        wallet.MapGet("/", (HttpContext http, IGrainFactory grains) => Wallet(http, grains).Get())
            .WithSummary("The caller's balance");

        wallet.MapPost("/topup", (TopUpRequest request, HttpContext http, IGrainFactory grains, IOptions<GiftOptions> gifts, IOptions<HostingOptions> hosting) =>
        {
            if (!(gifts.Value.DemoTopUps ?? !hosting.Value.IsCluster))
                throw new LiveInteractException(ErrorCodes.Forbidden, "demo top-ups are turned off: coins come from purchases");
            return Wallet(http, grains).TopUp(request.Coins);
        })
            .RequireRateLimiting(RestRateLimiting.TopUps)
            .WithSummary("Demo credit, recorded in the ledger");

        wallet.MapGet("/ledger", (int? offset, int? limit, HttpContext http, IGrainFactory grains) =>
            Wallet(http, grains).GetLedger(offset ?? 0, limit ?? 50))
            .WithSummary("The caller's movements, newest first, paged (offset, limit <= 200)");

        app.MapGet("/api/creators/{userId}/earnings", (string userId, HttpContext http, IGrainFactory grains) =>
        {
            // Earnings are the creator's own business.
            if (http.User.ToActor().UserId != userId)
                throw new LiveInteractException(ErrorCodes.Forbidden, "you can only see your own earnings");
            return grains.GetGrain<ICreatorGrain>(userId).GetEarnings();
        })
        .WithTags("Wallet")
        .WithSummary("What a creator earned from gifts (the creator only)")
        .RequireAuthorization();

        return app;
    }

    private static IWalletGrain Wallet(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IWalletGrain>(http.User.ToActor().UserId);
}
