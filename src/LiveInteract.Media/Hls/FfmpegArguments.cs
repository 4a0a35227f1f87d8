using System.Globalization;

namespace LiveInteract.Media.Hls;

/// <summary>The ffmpeg command line for one HLS stream: raw BGR frames on stdin, low-latency H.264 HLS out.</summary>
internal static class FfmpegArguments
{
    public static IReadOnlyList<string> For(HlsOptions o, int width, int height)
    {
        string N(double v) => v.ToString(CultureInfo.InvariantCulture);
        var gop = Math.Max(1, (int)Math.Round(o.Fps * o.SegmentSeconds));
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostats",

            // Frames arrive when the creator's camera sends them, not at a fixed rate: stamp them with the
            // arrival time and let ffmpeg repeat or drop to a constant output rate (below).
            "-use_wallclock_as_timestamps", "1",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-video_size", $"{width}x{height}",
            "-framerate", N(o.Fps), "-i", "pipe:0",
            "-an",
            "-fps_mode", "cfr", "-r", N(o.Fps),
            "-c:v", "libx264", "-preset", o.Preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-crf", N(o.Crf), "-maxrate", $"{o.MaxBitrateKbps}k", "-bufsize", $"{o.MaxBitrateKbps * 2}k",

            // A key frame at every segment boundary, so each segment starts independently and is ~SegmentSeconds long.
            "-g", N(gop), "-keyint_min", N(gop), "-sc_threshold", "0",
            "-force_key_frames", $"expr:gte(t,n_forced*{N(o.SegmentSeconds)})",
        };

        if (o.EncoderThreads > 0)
        {
            args.AddRange(["-threads", N(o.EncoderThreads)]);
        }

        args.AddRange(
        [
            "-f", "hls",
            "-hls_time", N(o.SegmentSeconds),
            "-hls_list_size", N(o.PlaylistSize),

            // temp_file: the playlist is written aside and renamed, so an HTTP reader never sees half of it.
            "-hls_flags", "delete_segments+independent_segments+temp_file",

            // Numbering from the clock keeps segment names unique across ffmpeg restarts, so players and caches
            // never confuse a new segment with an old one of the same name.
            "-hls_start_number_source", "epoch",
            "-hls_segment_filename", Path.Combine(o.OutputDirectory, "seg_%d.ts"),
            o.PlaylistPath,
        ]);
        return args;
    }
}
