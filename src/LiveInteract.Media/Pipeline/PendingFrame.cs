using System.Buffers;

namespace LiveInteract.Media.Pipeline;

/// <summary>An admitted frame waiting for the pipeline thread: a pooled copy of the caller's bytes.</summary>
internal sealed record PendingFrame(byte[] Buffer, int Length, long SubmittedAt, DateTimeOffset CapturedAt)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
