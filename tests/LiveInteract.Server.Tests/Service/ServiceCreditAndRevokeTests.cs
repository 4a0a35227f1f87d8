using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Service;

public sealed class ServiceCreditAndRevokeTests(ServiceApiFixture fixture) : IClassFixture<ServiceApiFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_purchase_is_credited_exactly_once_per_purchaseId_with_a_ledger_entry()
    {
        var buyer = await Server.ServiceSignIn("op-buyer-1", "Bea");
        using var service = Server.Service();

        var first = await service.PostAsJsonAsync("api/service/wallets/op-buyer-1/credits", new { purchaseId = "order-1001", coins = 500 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var credit = (await first.Content.ReadFromJsonAsync<PurchaseCredit>(Json))!;
        Assert.Equal((500L, 500L, false), (credit.Coins, credit.BalanceAfter, credit.Repeated));

        // The backend retries (lost reply, its own crash): same answer, no coins.
        for (var i = 0; i < 3; i++)
        {
            var again = await service.PostAsJsonAsync("api/service/wallets/op-buyer-1/credits", new { purchaseId = "order-1001", coins = 500 });
            Assert.Equal(credit with { Repeated = true }, await again.Content.ReadFromJsonAsync<PurchaseCredit>(Json));
        }
        var conflict = await service.PostAsJsonAsync("api/service/wallets/op-buyer-1/credits", new { purchaseId = "order-1001", coins = 900 });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("idempotency_conflict", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        (await service.PostAsJsonAsync("api/service/wallets/op-buyer-1/credits", new { purchaseId = "order-1002", coins = 25 })).EnsureSuccessStatusCode();

        using var http = Server.Http(buyer.Token);
        var wallet = (await http.GetFromJsonAsync<WalletView>("api/wallet", Json))!;
        Assert.Equal((525L, 525L), (wallet.Balance, wallet.Credited));
        var ledger = (await http.GetFromJsonAsync<LedgerPage>("api/wallet/ledger", Json))!;
        Assert.Equal([("order-1002", 25L, 525L), ("order-1001", 500L, 500L)],
            ledger.Entries.Select(e => (e.IdempotencyKey!, e.Coins, e.BalanceAfter)).ToArray());
        Assert.All(ledger.Entries, e => Assert.Equal(LedgerKind.Credit, e.Kind));
    }

    [Fact]
    public async Task Bad_credits_are_refused_with_a_clear_error_and_a_user_cannot_credit_themselves()
    {
        using var service = Server.Service();
        foreach (var (body, code) in new (object, string)[]
        {
            (new { purchaseId = "", coins = 5 }, "bad_request"),
            (new { purchaseId = new string('p', 101), coins = 5 }, "bad_request"),
            (new { purchaseId = "o1", coins = 0 }, "invalid_amount"),
            (new { purchaseId = "o1", coins = 100_000_001 }, "invalid_amount"),
        })
        {
            var response = await service.PostAsJsonAsync("api/service/wallets/op-buyer-2/credits", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        var user = await Server.SignIn("Sneaky", "creator");
        using var http = Server.Http(user.Token);
        var self = await http.PostAsJsonAsync($"api/service/wallets/{user.UserId}/credits", new { purchaseId = "free", coins = 1000 });
        Assert.Equal(HttpStatusCode.Unauthorized, self.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_user_refuses_their_earlier_tokens_on_rest_and_the_hub_while_others_carry_on()
    {
        var creator = await Server.SignIn("Host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var target = await Server.ServiceSignIn("op-revoked-1", "Rex");
        var bystander = await Server.ServiceSignIn("op-bystander-1", "Bo");
        await using var targetHub = await Server.Connect(target);
        await using var bystanderHub = await Server.Connect(bystander);
        await targetHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await bystanderHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        using var targetHttp = Server.Http(target.Token);
        Assert.Equal(HttpStatusCode.OK, (await targetHttp.GetAsync("api/wallet")).StatusCode);

        using var service = Server.Service();
        var revoked = await service.PostAsync("api/service/users/op-revoked-1/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await targetHttp.GetAsync("api/wallet")).StatusCode);
        var closed = new TaskCompletionSource<Exception?>();
        targetHub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        // The call fails with the refusal's text (docs/PROTOCOL.md "Errors"), which is also the connection's close reason.
        var refusal = await Assert.ThrowsAsync<HubException>(() => targetHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "still here?"));
        Assert.EndsWith("token revoked: sign in again", refusal.Message, StringComparison.Ordinal);
        var closedBecause = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.EndsWith("token revoked: sign in again", closedBecause?.Message, StringComparison.Ordinal);
        await using (var again = await Server.Connect(target, start: false))
            await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());

        // Nobody else is affected.
        await bystanderHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "still fine");

        // A token issued after the cut-off second works again (JWT iat has one-second resolution).
        await Eventually.Until(async () =>
        {
            var fresh = await Server.ServiceSignIn("op-revoked-1", "Rex");
            using var freshHttp = Server.Http(fresh.Token);
            return (await freshHttp.GetAsync("api/wallet")).StatusCode == HttpStatusCode.OK;
        }, "a token issued after the revocation to be accepted", TimeSpan.FromSeconds(15));
    }
}
