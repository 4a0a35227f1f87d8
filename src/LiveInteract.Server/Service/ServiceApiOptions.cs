using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Service;

/// <summary>
/// API keys of the service API ("ServiceApi" section). Only the SHA-256 of each key is configured, so the
/// configuration (and a leaked copy of it) never holds a usable key. Make one with
/// <c>key=$(openssl rand -base64 32); printf %s "$key" | sha256sum</c>. Several keys can be active at once (one per
/// backend, or the old and the new one during a rotation); each has a name that shows up in logs.
/// </summary>
public sealed class ServiceApiOptions : IValidatableObject
{
    public const string Section = "ServiceApi";

    public List<ServiceApiKey> Keys { get; set; } = [];

    /// <summary>Longest header value looked at; anything longer is refused without hashing it.</summary>
    [Range(32, 1024)] public int MaxKeyLength { get; set; } = 256;

    /// <summary>Longest <c>moderatorOf</c> list in a service-issued token.</summary>
    [Range(0, 1000)] public int MaxModeratorRooms { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
                yield return new ValidationResult($"ServiceApi:Keys:{i}:Name is required");
            else if (!names.Add(key.Name))
                yield return new ValidationResult($"ServiceApi:Keys:{i}:Name '{key.Name}' is used twice");
            if (key.Sha256 is not { Length: 64 } || !key.Sha256.All(Uri.IsHexDigit))
                yield return new ValidationResult($"ServiceApi:Keys:{i}:Sha256 must be the 64 hex digits of the key's SHA-256 (printf %s \"$key\" | sha256sum)");
        }
    }
}

/// <summary>One accepted API key: a name for logs and the hex SHA-256 of the key.</summary>
public sealed class ServiceApiKey
{
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
}
