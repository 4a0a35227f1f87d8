using System.ComponentModel.DataAnnotations;
using LiveInteract.Server.Auth;

namespace LiveInteract.Server.Rooms;

/// <summary>
/// The key room ids are tagged under (<see cref="RoomIdIssuer"/>), from the "Rooms" section (whose room behaviour
/// settings are the grains' RoomOptions: this secret stays in the web layer that issues and checks ids).
/// </summary>
public sealed class RoomIdOptions : IValidatableObject
{
    public const string Section = "Rooms";

    /// <summary>
    /// HMAC key for room ids, at least 32 bytes, the same on every silo. Set, room ids no longer depend on
    /// Auth:SigningKey, which can then be rotated without making existing rooms unreachable. Empty: derived from
    /// Auth:SigningKey, as before this option (existing deployments keep their ids).
    /// </summary>
    public string IdKey { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Whoever knows it can make ids that pass the check: held to the signing key's rules in every profile.
        if (!string.IsNullOrEmpty(IdKey) && SigningKeyPolicy.SecretProblem(IdKey, $"{Section}:{nameof(IdKey)}") is { } problem)
            yield return new ValidationResult(problem, [nameof(IdKey)]);
    }
}
