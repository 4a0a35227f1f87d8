using System.Runtime.Intrinsics;

namespace LiveInteract.Media.Filters;

/// <summary>The constant byte registers of the vector paths (permute controls and lane masks), built from a rule per lane.</summary>
internal static class BytePattern
{
    /// <summary>A 64-byte register whose lane j holds <paramref name="lane"/>(j).</summary>
    public static Vector512<byte> Of(Func<int, int> lane)
    {
        var bytes = new byte[64];
        for (var j = 0; j < 64; j++)
        {
            bytes[j] = (byte)lane(j);
        }

        return Vector512.Create(bytes);
    }
}
