using System.Security.Cryptography;
using System.Text;
using LiveInteract.Contracts.Errors;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Demo;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Rooms;

/// <summary>
/// Room ids carry their own proof of creation: "r" + 16 random hex digits + a 10-hex-digit tag (an HMAC of the random
/// part under a key derived from Rooms:IdKey, or from the signing key while that is not set). A lookup of an id this
/// server never issued is refused without a grain, a storage read or any state: a flood of random ids costs one HMAC
/// each and activates nothing. Every silo of a cluster shares the key, so every silo knows the same ids. The
/// configured demo room id is accepted too. Without Rooms:IdKey, rotating Auth:SigningKey makes the rooms created
/// before it unreachable (docs/OPERATIONS.md).
/// </summary>
public sealed class RoomIdIssuer
{
    // 64 random bits: ids stay unique across billions of rooms (40 bits would likely repeat within a million).
    private const int RandomBytes = 8;
    // Ids issued before (10 random hex digits) stay valid: their tag is as long and as hard to forge as a new id's.
    private const int LegacyRandomBytes = 5;
    private const int TagBytes = 5;
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("liveinteract room ids v1");

    private readonly Lazy<byte[]> _key;
    private readonly string? _demoRoomId;

    public RoomIdIssuer(SigningKeyStore keys, IOptions<RoomIdOptions> options, IOptions<DemoOptions> demo, ILogger<RoomIdIssuer> logger)
    {
        _key = new(() => HKDF.DeriveKey(HashAlgorithmName.SHA256, KeyMaterial(keys, options.Value, logger), 32, info: Purpose));
        _demoRoomId = demo.Value.Enabled ? demo.Value.RoomId : null;
    }

    /// <summary>A fresh id for a room about to be created.</summary>
    public string New()
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));
        return "r" + random + Tag(random);
    }

    /// <summary>True when this deployment issued <paramref name="roomId"/> (it may still have been created and ended since).</summary>
    public bool IsIssued(string? roomId)
    {
        if (roomId is null) return false;
        if (_demoRoomId is not null && roomId == _demoRoomId) return true;
        var randomDigits = roomId.Length - 1 - 2 * TagBytes;
        if (randomDigits is not (2 * RandomBytes or 2 * LegacyRandomBytes) || roomId[0] != 'r') return false;
        var tag = Tag(roomId.Substring(1, randomDigits));
        return CryptographicOperations.FixedTimeEquals(
            AsBytes(roomId.AsSpan(1 + randomDigits)), AsBytes(tag));
    }

    /// <summary>The id, or not_found (the same answer as a room that does not exist).</summary>
    public string Require(string? roomId) =>
        IsIssued(roomId) ? roomId! : throw new LiveInteractException(ErrorCodes.NotFound, "room not found");

    // Read once (the key is lazy), so the fallback is logged once per process.
    private static byte[] KeyMaterial(SigningKeyStore keys, RoomIdOptions options, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.IdKey)) return Encoding.UTF8.GetBytes(options.IdKey);
        logger.LogInformation(
            "Rooms:IdKey is not set: room ids are tagged under a key derived from Auth:SigningKey, so rotating that key makes every existing room unreachable; set Rooms:IdKey (the same on every silo) to rotate them apart");
        return keys.Key.Key;
    }

    private string Tag(string random) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.ASCII.GetBytes(random)).AsSpan(0, TagBytes));

    private static ReadOnlySpan<byte> AsBytes(ReadOnlySpan<char> chars) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars);
}
