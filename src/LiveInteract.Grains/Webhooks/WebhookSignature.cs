using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveInteract.Grains.Webhooks;

/// <summary>
/// <c>X-LiveInteract-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>. The timestamp is
/// signed with the body, so a receiver that also checks it is recent refuses a captured request replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-LiveInteract-Signature";

    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";

    /// <summary>True when <paramref name="header"/> carries a v1 signature of <paramref name="body"/> made within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header)) return false;
        long? t = null;
        List<string> signatures = [];
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) t = parsed;
            else if (key == "v1") signatures.Add(value);
        }
        if (t is null || Math.Abs(now.ToUnixTimeSeconds() - t.Value) > tolerance.TotalSeconds) return false;
        var expected = Mac(secret, t.Value, body);
        foreach (var signature in signatures)
        {
            if (signature.Length != expected.Length * 2) continue;
            byte[] presented;
            try { presented = Convert.FromHexString(signature); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(presented, expected)) return true;
        }
        return false;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
