using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Anchor centres of a BlazeFace model, in 0..1 input coordinates. BlazeFace has two heads: a fine grid with 2 anchors
/// per cell and a coarse grid with 6 (MediaPipe's SSD anchor options for the front model: strides 8, 16, 16, 16 and
/// fixed anchor size 1, so every anchor is the centre of its cell). The grid sizes are derived from the heads' output
/// lengths rather than assumed: the front 128 model has 16x16x2 + 8x8x6 = 512 + 384, and the Barracuda conversion of the
/// back 256 model turns out to have the same layout (its cells are just twice as many pixels wide).
/// </summary>
internal static class BlazeFaceAnchors
{
    public const int FineAnchorsPerCell = 2;
    public const int CoarseAnchorsPerCell = 6;

    /// <summary>Centres for one head of <paramref name="count"/> anchors with <paramref name="perCell"/> anchors per cell.</summary>
    public static Point2f[] ForHead(int count, int perCell)
    {
        var cells = count / perCell;
        var grid = (int)Math.Round(Math.Sqrt(cells));
        if (count % perCell != 0 || grid * grid != cells)
        {
            throw new InvalidDataException(
                $"A BlazeFace head with {count} anchors is not a square grid of {perCell} anchors per cell.");
        }

        var anchors = new Point2f[count];
        var i = 0;
        for (var y = 0; y < grid; y++)
        {
            for (var x = 0; x < grid; x++)
            {
                var centre = new Point2f((x + 0.5f) / grid, (y + 0.5f) / grid);
                for (var k = 0; k < perCell; k++)
                {
                    anchors[i++] = centre;
                }
            }
        }

        return anchors;
    }
}
