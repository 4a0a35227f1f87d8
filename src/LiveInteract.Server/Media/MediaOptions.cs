using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Media;

/// <summary>Video ingest and playback ("Media" section).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Where each room's HLS playlist and segments are written; empty: <c>{DataDirectory}/hls</c>.</summary>
    public string HlsDirectory { get; set; } = "";

    [Required] public string FfmpegPath { get; set; } = "ffmpeg";

    [Range(1, 60)] public int HlsFps { get; set; } = 25;

    /// <summary>Malformed frames in a row after which an ingest is closed (1007); fewer are counted and dropped.</summary>
    [Range(1, 10_000)] public int MaxBadFramesInARow { get; set; } = 30;

    /// <summary>
    /// Ingests (rooms whose video this silo filters and encodes) at once. Each costs a share of a core at 720p
    /// (docs/BENCHMARKS.md), so past this a new one is refused with 503 and Retry-After rather than slowing all.
    /// </summary>
    [Range(1, 1000)] public int MaxIngestsPerSilo { get; set; } = 4;

    /// <summary>Ingests one creator runs at once on this silo (a creator is live in one room at a time in practice).</summary>
    [Range(1, 100)] public int MaxIngestsPerCreator { get; set; } = 1;

    /// <summary>Where clips are written (per room); empty: <c>{DataDirectory}/clips</c>.</summary>
    public string ClipDirectory { get; set; } = "";

    /// <summary>Clips kept (and listed in the snapshot) per room; the oldest is deleted when a new one comes.</summary>
    [Range(1, 50)] public int ClipsPerRoom { get; set; } = 10;

    /// <summary>Clips a viewer may make per minute (one at a time).</summary>
    [Range(0.1, 60)] public double ViewerClipsPerMinute { get; set; } = 1;

    /// <summary>Clips the room's creator or a moderator may make per minute (bursts of half that).</summary>
    [Range(0.1, 600)] public double StaffClipsPerMinute { get; set; } = 6;

    /// <summary>How often an ingest re-reads the room (filters, ended) and reports the pipeline's health to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);
}
