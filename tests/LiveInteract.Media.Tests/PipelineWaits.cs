using LiveInteract.Media.Pipeline;

namespace LiveInteract.Media.Tests;

internal static class PipelineWaits
{
    /// <summary>Waits until every accepted frame has been processed or dropped.</summary>
    public static async Task<PipelineStats> IdleAsync(RoomPipeline pipeline, int timeoutMs = 20_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var stats = pipeline.GetStats();
            if (stats.FramesProcessed + stats.FramesDropped == stats.FramesAccepted)
            {
                return stats;
            }

            Assert.True(Environment.TickCount64 < deadline, $"pipeline not idle: {stats}");
            await Task.Delay(10);
        }
    }
}
