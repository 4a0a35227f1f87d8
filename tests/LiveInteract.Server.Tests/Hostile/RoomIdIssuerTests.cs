using System.Security.Cryptography;
using System.Text;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Demo;
using LiveInteract.Server.Hosting;
using LiveInteract.Server.Rooms;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// Room ids: "r" + 16 random hex digits + a 10-hex-digit tag; ids issued with the earlier 10 random hex digits stay
/// valid (rooms created before the change keep their links), and neither shape is accepted without its tag. The tag
/// key is Rooms:IdKey when set (then independent of the signing key), else derived from Auth:SigningKey.
/// </summary>
public sealed class RoomIdIssuerTests
{
    private const string SigningKey = "q8V2mZ0Lr7Xc1Tn4Bw6Ks9Ye3Hd5Jf0Pa2Ug8Ri";

    [Fact]
    public void A_new_id_has_64_random_bits_and_is_recognised()
    {
        var issuer = Issuer();
        var ids = Enumerable.Range(0, 100).Select(_ => issuer.New()).ToList();
        Assert.All(ids, id => Assert.Matches("^r[0-9a-f]{26}$", id));
        Assert.All(ids, id => Assert.True(issuer.IsIssued(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_id_issued_with_40_random_bits_stays_valid()
    {
        // Made the way the earlier version made it: HKDF of the signing key, HMAC-SHA256 of 10 random hex digits.
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(SigningKey), 32, info: Encoding.ASCII.GetBytes("liveinteract room ids v1"));
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var legacy = "r" + random + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(random)).AsSpan(0, 5));

        Assert.True(Issuer().IsIssued(legacy));
    }

    [Fact]
    public void Neither_shape_is_accepted_with_a_wrong_tag_and_no_other_length_is_accepted()
    {
        var issuer = Issuer();
        var id = issuer.New();
        Assert.False(issuer.IsIssued(id[..^1] + (id[^1] == '0' ? '1' : '0')));
        Assert.False(issuer.IsIssued("r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)))); // legacy length, no tag
        Assert.False(issuer.IsIssued("r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13)))); // new length, no tag
        // The new id's tag over a shorter or longer random part (the length is part of what the tag proves).
        Assert.False(issuer.IsIssued(id.Remove(1, 6)));
        Assert.False(issuer.IsIssued(id.Insert(1, "00")));
        Assert.False(issuer.IsIssued(null));
        Assert.False(issuer.IsIssued(""));
        Assert.False(issuer.IsIssued("x" + id[1..]));
    }

    [Fact]
    public void With_an_id_key_the_signing_key_rotates_without_touching_room_ids()
    {
        const string idKey = "Zr4kP9wQ2mX7vB1nC8tY5uH3jL6gF0dS";
        var id = Issuer(idKey: idKey).New();
        Assert.True(Issuer(signingKey: "N7bT2xQ9vL4kM1pR8sW5yC3hJ6dG0fZa", idKey: idKey).IsIssued(id));
        // The key is what keeps it: another id key, or none (derived from the signing key), does not know the id.
        Assert.False(Issuer(idKey: "W3eR8tY1uI6oP4aS9dF2gH7jK0lZ5xCv").IsIssued(id));
        Assert.False(Issuer().IsIssued(id));
    }

    [Fact]
    public void A_weak_id_key_is_refused_with_the_signing_key_rules_and_an_empty_one_means_not_set()
    {
        static string? Problem(string key) => new RoomIdOptions { IdKey = key }
            .Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).SingleOrDefault()?.ErrorMessage;
        Assert.StartsWith("Rooms:IdKey must be at least 32 bytes", Problem("short-but-random-9f8e7d"));
        Assert.StartsWith("Rooms:IdKey has too little entropy", Problem(new string('a', 40)));
        Assert.StartsWith("Rooms:IdKey is a published example key", Problem("change-me-to-a-long-random-secret-of-32-bytes"));
        Assert.Null(Problem(""));
        Assert.Null(Problem("Zr4kP9wQ2mX7vB1nC8tY5uH3jL6gF0dS"));
    }

    private static RoomIdIssuer Issuer(string signingKey = SigningKey, string idKey = "") => new(
        new SigningKeyStore(Options.Create(new AuthOptions { SigningKey = signingKey }), Options.Create(new HostingOptions())),
        Options.Create(new RoomIdOptions { IdKey = idKey }),
        Options.Create(new DemoOptions()),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<RoomIdIssuer>.Instance);
}
