using System.Text;

namespace LiveInteract.Server.Auth;

/// <summary>
/// What a configured token signing key must be in the Cluster profile, where anyone who guesses it can forge a token
/// for any user: present, at least 32 bytes, not a published example, and not obviously low-entropy (few distinct
/// characters, or one short pattern repeated). <see cref="SecretProblem"/> holds any other configured HMAC key
/// (<c>Rooms:IdKey</c>) to the same rules. Pure: testable without a server.
/// </summary>
public static class SigningKeyPolicy
{
    public const int MinBytes = 32;
    public const int MinDistinctCharacters = 12;
    public const string HowToMakeOne = "make one with: openssl rand -base64 48";

    /// <summary>Keys that were published (this repository's old docker-compose default, documentation placeholders).</summary>
    public static readonly string[] KnownExamples =
    [
        "change-me-to-a-long-random-secret-of-32-bytes",
        "change-me",
        "changeme",
        "secret",
        "your-256-bit-secret",
    ];

    /// <summary>Why <paramref name="key"/> is not acceptable in a cluster, or null when it is.</summary>
    public static string? Problem(string? key) =>
        string.IsNullOrEmpty(key)
            ? $"Auth:SigningKey is required in the Cluster profile (every silo must accept every token); {HowToMakeOne}"
            : SecretProblem(key, "Auth:SigningKey");

    /// <summary>Why the secret configured as <paramref name="setting"/> is too weak (the same rules for every HMAC key), or null.</summary>
    public static string? SecretProblem(string key, string setting)
    {
        if (Encoding.UTF8.GetByteCount(key) < MinBytes)
            return $"{setting} must be at least {MinBytes} bytes; {HowToMakeOne}";
        if (KnownExamples.Any(k => key.Contains(k, StringComparison.OrdinalIgnoreCase) && k.Length * 2 > key.Length))
            return $"{setting} is a published example key: anyone could forge with it; {HowToMakeOne}";
        if (key.Distinct().Count() < MinDistinctCharacters || IsRepetition(key))
            return $"{setting} has too little entropy (too few distinct characters or a repeated pattern); {HowToMakeOne}";
        return null;
    }

    private static bool IsRepetition(string key)
    {
        for (var period = 1; period <= key.Length / 2; period++)
        {
            var repeats = true;
            for (var i = period; i < key.Length && repeats; i++) repeats = key[i] == key[i - period];
            if (repeats) return true;
        }
        return false;
    }
}
