using System.Net.WebSockets;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Gifts;
using LiveInteract.Client.Json;
using LiveInteract.Client.Rest;
using LiveInteract.Contracts.Gifts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using LiveInteract.Contracts.Hub;

namespace LiveInteract.Client;

// Gifts, the wallet and creator earnings. Gifts are money: one idempotency key per logical gift, the same key on every retry.
public sealed partial class LiveClient
{
    /// <summary>The gift catalog, cheapest first (<c>GET /api/gifts</c>). <see cref="Gift.Id"/> is what <see cref="SendGiftAsync(string, string, int, CancellationToken)"/> takes.</summary>
    public async Task<IReadOnlyList<Gift>> GetGiftsAsync(CancellationToken cancellationToken = default) =>
        await _rest.GetAsync("api/gifts", LiveJsonContext.Default.ListGift, cancellationToken).ConfigureAwait(false);

    /// <summary>The signed-in user's wallet (<c>GET /api/wallet</c>).</summary>
    public Task<WalletView> GetWalletAsync(CancellationToken cancellationToken = default) =>
        _rest.GetAsync("api/wallet", LiveJsonContext.Default.WalletView, cancellationToken);

    /// <summary>Demo credit (<c>POST /api/wallet/topup</c>), recorded in the ledger like any other movement.</summary>
    public Task<WalletView> TopUpAsync(long coins, CancellationToken cancellationToken = default) =>
        _rest.PostAsync("api/wallet/topup", RestApi.Body(new TopUpRequest(coins), LiveJsonContext.Default.TopUpRequest),
            LiveJsonContext.Default.WalletView, cancellationToken);

    /// <summary>The signed-in user's wallet movements, newest first (<c>GET /api/wallet/ledger</c>; <paramref name="limit"/> at most 200).</summary>
    public Task<LedgerPage> GetLedgerAsync(int offset = 0, int limit = 50, CancellationToken cancellationToken = default) =>
        _rest.GetAsync($"api/wallet/ledger?offset={offset}&limit={limit}", LiveJsonContext.Default.LedgerPage, cancellationToken);

    /// <summary>
    /// What a creator earned from gifts (<c>GET /api/creators/{userId}/earnings</c>). The server shows earnings to
    /// their owner only, so <paramref name="userId"/> defaults to the signed-in user.
    /// </summary>
    public Task<CreatorEarnings> GetEarningsAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        var who = userId ?? _token?.UserId
            ?? throw new InvalidOperationException("pass the creator's user id (the client does not know it when the token came from UseToken)");
        return _rest.GetAsync($"api/creators/{Uri.EscapeDataString(who)}/earnings", LiveJsonContext.Default.CreatorEarnings, cancellationToken);
    }

    /// <summary>Sends a new gift (a fresh idempotency key). See <see cref="SendGiftAsync(GiftRequest, CancellationToken)"/>.</summary>
    public Task<GiftReceipt> SendGiftAsync(string roomId, string giftId, int count = 1, CancellationToken cancellationToken = default) =>
        SendGiftAsync(GiftRequest.Create(roomId, giftId, count), cancellationToken);

    /// <summary>
    /// Sends a gift and returns its receipt (the new balance). If the connection drops before the reply
    /// arrives, the outcome is unknown: the client waits for the reconnect and sends the same request with
    /// the same idempotency key again, as often as needed, and the server charges it once (a repeat returns the
    /// first receipt). A refusal by the server (unknown gift, too few coins, banned) throws
    /// <see cref="LiveClientException"/> and is not retried.
    /// Cancel <paramref name="cancellationToken"/> to give up; then keep the request and resend it later.
    /// </summary>
    public async Task<GiftReceipt> SendGiftAsync(GiftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 0; ; attempt++)
        {
            await WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _hub.InvokeCoreAsync<GiftReceipt>(HubMethods.SendGift,
                    [request.RoomId, request.GiftId, request.Count, request.IdempotencyKey], cancellationToken).ConfigureAwait(false);
            }
            catch (HubException ex)
            {
                throw LiveClientException.FromHub(ex);
            }
            catch (Exception ex) when (IsLostReply(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Reply lost with the connection: same key again once reconnected.
                await Task.Delay(_options.Reconnect.DelayFor(Math.Min(attempt, 4)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // What SignalR throws when a call's connection closes under it, or the connection closed just before the send.
    private static bool IsLostReply(Exception ex) =>
        ex is OperationCanceledException or IOException or WebSocketException or InvalidOperationException;
}
