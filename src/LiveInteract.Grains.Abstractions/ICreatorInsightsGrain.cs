using LiveInteract.Contracts.Insights;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>A creator's history across lives (key = creator's user id): past lives, viewers seen before, the score.</summary>
[Alias("li.ICreatorInsightsGrain")]
public interface ICreatorInsightsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Of <paramref name="userIds"/> (first seen in <paramref name="roomId"/>), those who watched an earlier live of
    /// this creator; all of them are remembered for the next lives.
    /// </summary>
    [Alias("ClassifyViewers")] Task<IReadOnlyList<string>> ClassifyViewers(string roomId, IReadOnlyList<string> userIds);

    /// <summary>Stores a finished live's figures (a repeat for the same room replaces them).</summary>
    [Alias("RecordLive")] Task RecordLive(PastLive live);

    [Alias("GetLives"), ReadOnly] Task<PastLivePage> GetLives(int offset, int limit);

    [Alias("GetScore"), ReadOnly] Task<CreatorScore> GetScore();

    /// <summary>True when this creator remembers <paramref name="userId"/> as a past viewer.</summary>
    [Alias("KnowsViewer"), ReadOnly] Task<bool> KnowsViewer(string userId);

    /// <summary>Forgets the viewer (erase); also forgets anyone unseen for longer than the retention period.</summary>
    [Alias("ForgetViewer")] Task ForgetViewer(string? userId);
}
