using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Privacy;

/// <summary>How long viewer-level data is kept and the bounds of the per-user index (section "Privacy", docs/PRIVACY.md).</summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>
    /// After a live ended this long ago, its viewer-level data goes: the room's event log (comments, names), held
    /// comments, questions and board names; the live's per-viewer and per-gifter records become anonymous (the figures
    /// stay); a creator forgets viewers unseen this long (they count as new again).
    /// </summary>
    public TimeSpan ViewerDataRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Rooms remembered per user for export and erase (the oldest is forgotten first).</summary>
    [Range(10, 1_000_000)] public int MaxRoomsPerUser { get; set; } = 5_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ViewerDataRetention < TimeSpan.FromSeconds(1) || ViewerDataRetention > TimeSpan.FromDays(3650))
            yield return new ValidationResult("ViewerDataRetention must be between 1 second and 3650 days", [nameof(ViewerDataRetention)]);
    }
}
