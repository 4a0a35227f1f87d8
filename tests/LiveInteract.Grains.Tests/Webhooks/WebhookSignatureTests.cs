using System.Security.Cryptography;
using System.Text;
using LiveInteract.Grains.Webhooks;

namespace LiveInteract.Grains.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"room.started"}""");

    [Fact]
    public void Header_is_t_and_the_hex_HMAC_SHA256_of_t_dot_body()
    {
        var header = WebhookSignature.Create(Secret, 1_700_000_000, Body);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000." + Encoding.UTF8.GetString(Body))));
        Assert.Equal($"t=1700000000,v1={expected}", header);
    }

    [Fact]
    public void Verify_accepts_its_own_signature_and_refuses_a_changed_body_a_wrong_secret_an_old_timestamp_and_garbage()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var header = WebhookSignature.Create(Secret, now.ToUnixTimeSeconds(), Body);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSignature.Verify(header, Secret, Body, now.AddSeconds(30), tolerance));
        Assert.False(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes("{}"), now, tolerance));
        Assert.False(WebhookSignature.Verify(header, Secret + "x", Body, now, tolerance));
        Assert.False(WebhookSignature.Verify(header, Secret, Body, now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify("t=abc,v1=zz", Secret, Body, now, tolerance));
        Assert.False(WebhookSignature.Verify(null, Secret, Body, now, tolerance));
    }
}
