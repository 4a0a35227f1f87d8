using OpenCvSharp;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace LiveInteract.Media.Clips;

/// <summary>
/// Turns kept frames into a looping animated GIF with ImageSharp. ImageSharp only ever encodes here: the frames are
/// JPEGs the pipeline itself produced, decoded by OpenCV (which already decodes every creator frame behind the
/// admission check) into raw pixels handed over with <c>LoadPixelData</c>. ImageSharp 2.x has unfixed advisories for
/// crafted TIFF and ICC data, so it never sees bytes from a user, and its configuration knows only the GIF format (no
/// TIFF, no detection of anything else).
/// Animated WebP is not offered: ImageSharp 2.1.13's WebP encoder writes only the first frame (checked: no
/// ANIM/ANMF chunks in its output); animated WebP encoding arrived in ImageSharp 3.
/// </summary>
public static class AnimatedClipEncoder
{
    /// <summary>ImageSharp limited to GIF: nothing else can be encoded or detected through it.</summary>
    private static readonly Configuration GifOnly = new(new GifConfigurationModule());

    /// <summary>The frames as a GIF that loops forever, each shown for as long as it lasted in the stream.</summary>
    public static byte[] EncodeGif(IReadOnlyList<ClipFrame> frames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        var width = frames[0].Width;
        var height = frames[0].Height;
        Image<Rgb24>? gif = null;
        try
        {
            using var rgb = new Mat();
            using var fitted = new Mat();
            var buffer = new byte[width * height * 3];
            for (var i = 0; i < frames.Count; i++)
            {
                using (var bgr = Cv2.ImDecode(frames[i].Jpeg, ImreadModes.Color))
                {
                    // A resolution change mid-stream: fit the frame to the clip's size.
                    var source = bgr;
                    if (bgr.Width != width || bgr.Height != height)
                    {
                        Cv2.Resize(bgr, fitted, new OpenCvSharp.Size(width, height), 0, 0, InterpolationFlags.Area);
                        source = fitted;
                    }

                    Cv2.CvtColor(source, rgb, ColorConversionCodes.BGR2RGB);
                }

                System.Runtime.InteropServices.Marshal.Copy(rgb.Data, buffer, 0, buffer.Length);
                ImageFrame<Rgb24> added;
                if (gif is null)
                {
                    gif = Image.LoadPixelData<Rgb24>(GifOnly, buffer, width, height);
                    added = gif.Frames.RootFrame;
                }
                else
                {
                    using var one = Image.LoadPixelData<Rgb24>(GifOnly, buffer, width, height);
                    added = gif.Frames.AddFrame(one.Frames.RootFrame);
                }

                // Each frame shows for as long as it lasted in the stream, in GIF's hundredths of a second; browsers
                // show anything under 2 as 10, so 2 is the floor.
                var next = i + 1 < frames.Count ? frames[i + 1].CapturedAt : frames[i].CapturedAt + (frames[i].CapturedAt - frames[Math.Max(0, i - 1)].CapturedAt);
                var delay = (int)Math.Round((next - frames[i].CapturedAt).TotalMilliseconds / 10);
                added.Metadata.GetGifMetadata().FrameDelay = Math.Clamp(delay == 0 ? 10 : delay, 2, 100);
            }

            gif!.Metadata.GetGifMetadata().RepeatCount = 0;
            using var output = new MemoryStream();
            gif.SaveAsGif(output, new GifEncoder { ColorTableMode = GifColorTableMode.Local });
            return output.ToArray();
        }
        finally
        {
            gif?.Dispose();
        }
    }
}
