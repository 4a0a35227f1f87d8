using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LiveInteract.Cli.Video;

/// <summary>
/// Reads a video file's frames as JPEGs through an <c>ffmpeg</c> child process writing MJPEG to its stdout,
/// so the CLI needs no OpenCV or codec libraries of its own. With <see cref="Realtime"/> ffmpeg paces
/// reading at the video's own rate (<c>-re</c>), so frames leave at the rate a camera would produce them.
/// </summary>
internal sealed class FfmpegFrameSource(string videoPath)
{
    /// <summary>Resample to this many frames per second (null: the video's own rate).</summary>
    public double? Fps { get; init; }

    public bool Realtime { get; init; }

    /// <summary>Start again at the end, until cancelled.</summary>
    public bool Loop { get; init; }

    /// <summary>ffmpeg's MJPEG quality scale, 2 (best) to 31.</summary>
    public int Quality { get; init; } = 5;

    public IReadOnlyList<string> Arguments()
    {
        List<string> args = ["-hide_banner", "-loglevel", "error", "-nostdin"];
        if (Realtime) args.Add("-re");
        if (Loop) args.AddRange(["-stream_loop", "-1"]);
        args.AddRange(["-i", videoPath, "-an"]);
        if (Fps is { } fps) args.AddRange(["-vf", "fps=" + fps.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-f", "image2pipe", "-vcodec", "mjpeg", "-q:v", Quality.ToString(CultureInfo.InvariantCulture), "-"]);
        return args;
    }

    public async IAsyncEnumerable<byte[]> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(videoPath)) throw new FileNotFoundException($"video file not found: {videoPath}", videoPath);
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments()) start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("ffmpeg was not found on PATH (Debian: apt-get install ffmpeg)", ex);
        }

        using (process)
        {
            // Drain stderr while reading stdout, or a chatty ffmpeg blocks on a full pipe.
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var completed = false;
            try
            {
                await foreach (var frame in JpegFrameSplitter.ReadFramesAsync(process.StandardOutput.BaseStream, cancellationToken: cancellationToken).ConfigureAwait(false))
                    yield return frame;
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                completed = true;
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"ffmpeg failed on {videoPath} (exit {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()}");
            }
            finally
            {
                // Stopped early (cancelled, or the consumer stopped reading): do not leave ffmpeg running.
                if (!completed && !process.HasExited)
                {
                    try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }
}
