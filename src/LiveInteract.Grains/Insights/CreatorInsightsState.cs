using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Insights;

/// <summary>A creator's history across lives ("creator-insights" state): finished lives (newest first) and viewers seen.</summary>
[GenerateSerializer, Alias("li.CreatorInsightsState")]
public sealed class CreatorInsightsState
{
    [Id(0)] public List<PastLive> Lives { get; set; } = [];
    [Id(1)] public Dictionary<string, KnownViewer> Viewers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A viewer a creator has had: the live they first watched and when they were last seen.</summary>
[GenerateSerializer, Alias("li.KnownViewer")]
public sealed class KnownViewer
{
    [Id(0)] public string FirstRoomId { get; set; } = "";
    [Id(1)] public long LastSeen { get; set; }
}
