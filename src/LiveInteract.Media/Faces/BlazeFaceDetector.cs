using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// MediaPipe's BlazeFace (one of its two ONNX models) run by ONNX Runtime on one thread, the caller's. A region of the
/// frame is letterboxed into the model's square input (aspect kept, black bars as MediaPipe pads), converted to RGB in
/// [-1, 1] straight into the input tensor's memory, and the outputs decoded into faces in frame pixels. All buffers
/// are allocated once, so a detection allocates only its result list. Not thread-safe: one per pipeline.
/// </summary>
public sealed unsafe class BlazeFaceDetector : IDisposable
{
    private static readonly string[] InputNames = ["input:0"];
    private static readonly string[] OutputNames = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"];

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly int _size;
    private readonly float* _input;
    private readonly Mat _inputMat;
    private readonly Mat _letterbox;
    private readonly Mat _blocks = new();
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly float[] _fineScores;
    private readonly float[] _coarseScores;
    private readonly float[] _fineBoxes;
    private readonly float[] _coarseBoxes;
    private readonly Point2f[] _fineAnchors;
    private readonly Point2f[] _coarseAnchors;
    private readonly List<FaceDetection> _candidates = [];

    /// <summary>Loads <paramref name="model"/> (<see cref="FaceModelFiles.FrontModel"/> or <see cref="FaceModelFiles.BackModel"/>).</summary>
    public BlazeFaceDetector(string model, string? modelDirectory = null)
    {
        var bytes = FaceModelFiles.Load(model, modelDirectory);
        using var options = new SessionOptions
        {
            // The caller's thread does the work: rooms already run in parallel, and a thread pool per room would
            // only make them contend (and hide the cost from the pipeline thread's CPU clock).
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The converted graph carries unused constants ORT warns about on every load.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(bytes, options);

        var input = _session.InputMetadata[InputNames[0]].Dimensions;
        if (input.Length != 4 || input[1] != input[2] || input[3] != 3)
        {
            throw new InvalidDataException($"{model}: expected input [1,S,S,3], got [{string.Join(",", input)}].");
        }

        _size = input[1];
        var fineCount = _session.OutputMetadata[OutputNames[0]].Dimensions[1];
        var coarseCount = _session.OutputMetadata[OutputNames[1]].Dimensions[1];
        _fineAnchors = BlazeFaceAnchors.ForHead(fineCount, BlazeFaceAnchors.FineAnchorsPerCell);
        _coarseAnchors = BlazeFaceAnchors.ForHead(coarseCount, BlazeFaceAnchors.CoarseAnchorsPerCell);
        _fineScores = new float[fineCount];
        _coarseScores = new float[coarseCount];
        _fineBoxes = new float[fineCount * BlazeFaceDecoder.ValuesPerAnchor];
        _coarseBoxes = new float[coarseCount * BlazeFaceDecoder.ValuesPerAnchor];

        var bytesIn = (nuint)(_size * _size * 3 * sizeof(float));
        _input = (float*)NativeMemory.AlignedAlloc(bytesIn, 64);
        _inputMat = Mat.FromPixelData(_size, _size, MatType.CV_32FC3, (nint)_input);
        _letterbox = new Mat(_size, _size, MatType.CV_8UC3);
        _inputs = [OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, [1, _size, _size, 3], (nint)_input, (long)bytesIn)];
        _outputs =
        [
            OrtValue.CreateTensorValueFromMemory(_fineScores, [1, fineCount, 1]),
            OrtValue.CreateTensorValueFromMemory(_coarseScores, [1, coarseCount, 1]),
            OrtValue.CreateTensorValueFromMemory(_fineBoxes, [1, fineCount, BlazeFaceDecoder.ValuesPerAnchor]),
            OrtValue.CreateTensorValueFromMemory(_coarseBoxes, [1, coarseCount, BlazeFaceDecoder.ValuesPerAnchor]),
        ];

        // ONNX Runtime sets up its buffers on a session's first run, which then costs more than later ones. One run on a
        // blank input here puts that where the model is loaded, not on a frame (measured: a new tracker's first frame
        // 1-2 ms cheaper, its construction 12-15 ms dearer; docs/BENCHMARKS.md, the filters' cost section).
        new Span<float>(_input, _size * _size * 3).Clear();
        _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);
    }

    /// <summary>The model's square input side in pixels (128 or 256).</summary>
    public int InputSize => _size;

    /// <summary>
    /// Faces in <paramref name="region"/> of <paramref name="bgr"/> (the whole frame when null), best first, with boxes
    /// and keypoints in full-frame pixels. Faces scoring under <paramref name="minScore"/> are dropped.
    /// </summary>
    public List<FaceDetection> Detect(Mat bgr, Rect? region = null, float minScore = 0.6f) => Infer(Prepare(bgr, region), minScore);

    /// <summary>
    /// The first half of <see cref="Detect"/>: letterboxes <paramref name="region"/> of <paramref name="bgr"/> into the
    /// model's input buffer and says where it came from. <see cref="Infer"/> then runs the model on it, on any thread,
    /// without the frame: so an inference can run off the frame's thread while the frame moves on. Nothing else may use
    /// the detector in between.
    /// </summary>
    public BlazeFaceInput Prepare(Mat bgr, Rect? region = null)
    {
        var area = (region ?? new Rect(0, 0, bgr.Width, bgr.Height)) & new Rect(0, 0, bgr.Width, bgr.Height);
        if (area.Width < 4 || area.Height < 4)
        {
            return default;
        }

        // A large shrink by a ratio that is not whole (a square around a 720p face) is done in two steps, whole blocks
        // then the fraction (AreaShrink): one fractional area resize from the region cost ~0.3 ms more than the
        // whole-frame scan's whole-ratio one (OpenCV's fast path). The area loses under a block's side, evenly on
        // both sides so the square stays centred on the face, so that the blocks divide it.
        var block = AreaShrink.BlockSide(area.Size, _size);
        if (block > 1 && !WholeRatio(area.Size))
        {
            area = AreaShrink.TrimCentred(area, block);
        }
        else
        {
            block = 1;
        }

        var scale = (double)_size / Math.Max(area.Width, area.Height);
        var content = new Size(
            Math.Clamp((int)Math.Round(area.Width * scale), 1, _size),
            Math.Clamp((int)Math.Round(area.Height * scale), 1, _size));
        var offset = new Point((_size - content.Width) / 2, (_size - content.Height) / 2);

        _letterbox.SetTo(Scalar.All(0));
        using (var source = new Mat(bgr, area))
        using (var target = new Mat(_letterbox, new Rect(offset, content)))
        {
            // Area averaging when shrinking a lot (a 720p frame to 128 px) keeps small faces from aliasing away. After
            // whole blocks, the last step shrinks by under 2: bilinear, which reads every source pixel there (a 2 x 2
            // neighbourhood per output) at a fraction of OpenCV's generic fractional area resize's cost.
            if (scale < 0.5)
            {
                AreaShrink.To(source, target, content, block, _blocks, block > 1 ? InterpolationFlags.Linear : InterpolationFlags.Area);
            }
            else
            {
                Cv2.Resize(source, target, content, 0, 0, InterpolationFlags.Linear);
            }
        }

        Cv2.CvtColor(_letterbox, _letterbox, ColorConversionCodes.BGR2RGB);
        _letterbox.ConvertTo(_inputMat, MatType.CV_32FC3, 2.0 / 255.0, -1.0);
        return new BlazeFaceInput(area, scale, offset);
    }

    /// <summary>
    /// The second half of <see cref="Detect"/>: runs the model on the input <see cref="Prepare"/> left, and returns the
    /// faces in frame pixels, best first (none for an empty region).
    /// </summary>
    public List<FaceDetection> Infer(BlazeFaceInput input, float minScore = 0.6f)
    {
        if (input.Scale <= 0)
        {
            return [];
        }

        var (area, scale, offset) = (input.Area, input.Scale, input.Offset);
        _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);

        _candidates.Clear();
        Collect(_fineScores, _fineBoxes, _fineAnchors, minScore);
        Collect(_coarseScores, _coarseBoxes, _coarseAnchors, minScore);
        var faces = BlazeFaceDecoder.WeightedNms(_candidates);

        // From 0..1 of the letterboxed input back to frame pixels.
        var s = (float)(_size / scale);
        var ox = area.X - (float)(offset.X / scale);
        var oy = area.Y - (float)(offset.Y / scale);
        Point2f Map(Point2f p) => new(ox + (p.X * s), oy + (p.Y * s));
        for (var i = 0; i < faces.Count; i++)
        {
            var f = faces[i];
            var kp = f.Keypoints.ToArray();
            for (var k = 0; k < kp.Length; k++)
            {
                kp[k] = Map(kp[k]);
            }

            var topLeft = Map(new Point2f(f.Box.X, f.Box.Y));
            faces[i] = new FaceDetection(f.Score, new Rect2f(topLeft.X, topLeft.Y, f.Box.Width * s, f.Box.Height * s), FaceKeypoints.FromArray(kp));
        }

        return faces;
    }

    /// <summary>True when <paramref name="area"/> shrinks to the model's input by one whole ratio on both sides.</summary>
    private bool WholeRatio(Size area)
    {
        var side = Math.Max(area.Width, area.Height);
        return side % _size == 0 && area.Width % (side / _size) == 0 && area.Height % (side / _size) == 0;
    }

    private void Collect(float[] scores, float[] boxes, Point2f[] anchors, float minScore)
    {
        BlazeFaceDecoder.AddCandidates(scores, boxes, anchors, _size, minScore, _candidates);
    }

    /// <summary>
    /// Makes an inference running on another thread stop early (ONNX Runtime's terminate flag; that <see cref="Detect"/>
    /// throws). For shutting down: the detector runs nothing after it.
    /// </summary>
    public void Cancel() => _run.Terminate = true;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var v in _inputs)
        {
            v.Dispose();
        }

        foreach (var v in _outputs)
        {
            v.Dispose();
        }

        _session.Dispose();
        _run.Dispose();
        _inputMat.Dispose();
        _letterbox.Dispose();
        _blocks.Dispose();
        NativeMemory.AlignedFree(_input);
    }
}
