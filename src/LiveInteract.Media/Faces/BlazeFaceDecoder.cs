using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Turns BlazeFace's raw outputs into faces, as MediaPipe's TensorsToDetections and weighted non-maximum suppression
/// do: score = sigmoid(logit) (clamped to +-100 like MediaPipe), each anchor's 16 values are a box centre offset, its
/// size and six keypoint offsets, all in input pixels relative to the anchor; overlapping candidates (IoU above
/// <see cref="NmsIou"/>) are merged into one face whose box and keypoints are their score-weighted mean, which is
/// steadier from frame to frame than keeping only the best candidate.
/// Coordinates come out in 0..1 of the model input.
/// </summary>
internal static class BlazeFaceDecoder
{
    public const int ValuesPerAnchor = 4 + (2 * FaceKeypoints.Count);
    public const double NmsIou = 0.3;

    /// <summary>Adds the anchors scoring at least <paramref name="minScore"/> to <paramref name="candidates"/> (before NMS).</summary>
    public static void AddCandidates(
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> boxes,
        ReadOnlySpan<Point2f> anchors,
        int inputSize,
        float minScore,
        List<FaceDetection> candidates)
    {
        // Compare logits, not probabilities: one division less per anchor for the 99% that lose.
        var minLogit = MathF.Log(minScore / (1 - minScore));
        Span<Point2f> points = stackalloc Point2f[FaceKeypoints.Count];
        for (var i = 0; i < anchors.Length; i++)
        {
            var logit = Math.Clamp(scores[i], -100f, 100f);
            if (logit < minLogit)
            {
                continue;
            }

            var raw = boxes.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            var a = anchors[i];
            var cx = a.X + (raw[0] / inputSize);
            var cy = a.Y + (raw[1] / inputSize);
            var w = raw[2] / inputSize;
            var h = raw[3] / inputSize;
            if (w <= 0 || h <= 0)
            {
                continue;
            }

            for (var k = 0; k < FaceKeypoints.Count; k++)
            {
                points[k] = new Point2f(a.X + (raw[4 + (2 * k)] / inputSize), a.Y + (raw[5 + (2 * k)] / inputSize));
            }

            var score = 1f / (1f + MathF.Exp(-logit));
            candidates.Add(new FaceDetection(score, new Rect2f(cx - (w / 2), cy - (h / 2), w, h), FaceKeypoints.FromArray(points)));
        }
    }

    /// <summary>MediaPipe's weighted NMS: best first; each face is the score-weighted mean of the candidates overlapping it.</summary>
    public static List<FaceDetection> WeightedNms(List<FaceDetection> candidates)
    {
        candidates.Sort((x, y) => y.Score.CompareTo(x.Score));
        var faces = new List<FaceDetection>();
        var used = new bool[candidates.Count];
        Span<Point2f> points = stackalloc Point2f[FaceKeypoints.Count];
        Span<double> px = stackalloc double[FaceKeypoints.Count * 2];
        for (var i = 0; i < candidates.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var best = candidates[i];
            double total = 0, x = 0, y = 0, w = 0, h = 0;
            px.Clear();
            for (var j = i; j < candidates.Count; j++)
            {
                if (used[j] || FaceDetection.Iou(best.Box, candidates[j].Box) <= NmsIou)
                {
                    continue;
                }

                used[j] = true;
                var c = candidates[j];
                var s = c.Score;
                total += s;
                x += s * c.Box.X;
                y += s * c.Box.Y;
                w += s * c.Box.Width;
                h += s * c.Box.Height;
                var kp = c.Keypoints.ToArray();
                for (var k = 0; k < FaceKeypoints.Count; k++)
                {
                    px[2 * k] += s * kp[k].X;
                    px[(2 * k) + 1] += s * kp[k].Y;
                }
            }

            for (var k = 0; k < FaceKeypoints.Count; k++)
            {
                points[k] = new Point2f((float)(px[2 * k] / total), (float)(px[(2 * k) + 1] / total));
            }

            faces.Add(new FaceDetection(
                best.Score,
                new Rect2f((float)(x / total), (float)(y / total), (float)(w / total), (float)(h / total)),
                FaceKeypoints.FromArray(points)));
        }

        return faces;
    }
}
