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

    /// <summary>How often an ingest re-reads the room (filters, ended) and reports the pipeline's health to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);
}
