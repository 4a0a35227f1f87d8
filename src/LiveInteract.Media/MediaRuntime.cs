using OpenCvSharp;

namespace LiveInteract.Media;

/// <summary>Process-wide OpenCV setup, called once at host start-up.</summary>
public static class MediaRuntime
{
    /// <summary>
    /// Loads the native OpenCV library now (so a missing one fails start-up, not the first frame) and sets how many
    /// threads OpenCV may use inside one call. The default of 1 suits a server: every room already has its own
    /// pipeline task, and per-call parallelism would only make rooms compete. Returns the OpenCV version.
    /// </summary>
    public static string Initialize(int openCvThreads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(openCvThreads, 1);
        Cv2.SetNumThreads(openCvThreads);
        return Cv2.GetVersionString() ?? "unknown";
    }
}
