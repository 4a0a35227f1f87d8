using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Demo;

/// <summary>The demo room the main README command opens ("Demo" section). Off unless enabled.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string RoomId { get; set; } = "demo";

    [Required] public string Title { get; set; } = "LiveInteract demo: AR filters on a sample video";

    /// <summary>Average time between two simulated comments.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan CommentInterval { get; set; } = TimeSpan.FromSeconds(1.5);
}
