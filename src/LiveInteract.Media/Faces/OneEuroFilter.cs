namespace LiveInteract.Media.Faces;

/// <summary>
/// The One-Euro filter (Casiez, Roussel, Vogel, CHI 2012) for one coordinate: a low-pass filter whose cut-off rises
/// with speed. A still face gets a low cut-off, so the detector's pixel noise is averaged away and a sticker stands
/// still; a moving face raises the cut-off, so the sticker follows with little lag. Time is counted in detection
/// passes (dt = 1), and speed is measured in face widths per pass (<paramref name="scale"/> in <see cref="Filter"/>),
/// so the same settings suit a face 40 px or 400 px wide. The speed itself is smoothed hard (0.1 cycles per pass, i.e.
/// 1 Hz at 10 passes a second, the paper's usual setting), or the detector's noise would pass for movement.
/// </summary>
internal sealed class OneEuroFilter(double minCutoff, double beta, double derivativeCutoff = 0.1)
{
    private bool _started;
    private double _value;
    private double _derivative;

    /// <summary>The filtered value after the last sample.</summary>
    public double Value => _value;

    /// <summary>The filtered speed in units per pass (used to carry the value forward between passes).</summary>
    public double Derivative => _derivative;

    /// <summary>Feeds one sample; <paramref name="scale"/> (e.g. the face width) normalises the speed.</summary>
    public double Filter(double sample, double scale)
    {
        if (!_started)
        {
            _started = true;
            _value = sample;
            _derivative = 0;
            return _value;
        }

        var rawDerivative = sample - _value;
        _derivative += Alpha(derivativeCutoff) * (rawDerivative - _derivative);
        var cutoff = minCutoff + (beta * Math.Abs(_derivative) / Math.Max(1.0, scale));
        _value += Alpha(cutoff) * (sample - _value);
        return _value;
    }

    /// <summary>Forgets the history: the next sample is taken as it is (a track that jumped to another face).</summary>
    public void Reset() => _started = false;

    private static double Alpha(double cutoff)
    {
        var tau = 1.0 / (2 * Math.PI * cutoff);
        return 1.0 / (1.0 + tau);
    }
}
