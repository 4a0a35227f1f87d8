using System.Collections.Concurrent;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Hls;
using LiveInteract.Media.Pipeline;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Media;

/// <summary>
/// The video pipelines running on this silo: one per room that has an ingest here, and at most one ingest per room.
/// Preview viewers find the pipeline here; HLS files are served from <see cref="HlsDirectory"/>.
/// </summary>
public sealed class RoomMediaRegistry(IOptions<MediaOptions> options, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RoomPipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Room id -> its creator, for the caps; changed only under its own lock, with <see cref="_pipelines"/>.</summary>
    private readonly Dictionary<string, string> _ingests = new(StringComparer.Ordinal);

    /// <summary>Absolute (resolved at start-up in <see cref="MediaSetup"/>).</summary>
    public string HlsDirectory { get; } = options.Value.HlsDirectory;

    public string RoomHlsDirectory(string roomId) => Path.Combine(HlsDirectory, roomId);

    /// <summary>Clips made on this silo.</summary>
    public ClipStore Clips { get; } = new(
        options.Value.ClipDirectory, // absolute, like HlsDirectory
        options.Value.ClipsPerRoom);

    /// <summary>Starts the room's pipeline for a new ingest, or null when the room already has one.</summary>
    /// <summary>
    /// Starts the room's pipeline unless the room already streams here or a cap of <see cref="MediaOptions"/> is reached.
    /// </summary>
    public IngestStart TryStartIngest(string roomId, string creatorId, IReadOnlyList<FilterSpec> filters)
    {
        lock (_ingests)
        {
            if (_pipelines.ContainsKey(roomId)) return new IngestStart(null, IngestRefusal.RoomBusy);
            if (_ingests.Count >= options.Value.MaxIngestsPerSilo) return new IngestStart(null, IngestRefusal.SiloFull);
            if (_ingests.Values.Count(c => c == creatorId) >= options.Value.MaxIngestsPerCreator) return new IngestStart(null, IngestRefusal.CreatorLimit);
            var hls = new HlsOptions(RoomHlsDirectory(roomId), Fps: options.Value.HlsFps, FfmpegPath: options.Value.FfmpegPath);
            var pipeline = new RoomPipeline(roomId, new RoomPipelineOptions(Hls: hls), loggers.CreateLogger<RoomPipeline>());
            try { pipeline.SetFilters(filters); }
            catch (InvalidFilterException) { } // a chain stored before validation existed: stream unfiltered rather than not at all
            _pipelines[roomId] = pipeline;
            _ingests[roomId] = creatorId;
            return new IngestStart(pipeline, IngestRefusal.None);
        }
    }

    public RoomPipeline? Find(string roomId) => _pipelines.GetValueOrDefault(roomId);

    public async Task EndIngest(string roomId, RoomPipeline pipeline)
    {
        lock (_ingests)
        {
            if (_pipelines.TryRemove(new KeyValuePair<string, RoomPipeline>(roomId, pipeline))) _ingests.Remove(roomId);
        }
        await pipeline.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pipeline in _pipelines.Values) await pipeline.DisposeAsync();
        _pipelines.Clear();
    }
}

public enum IngestRefusal { None, RoomBusy, SiloFull, CreatorLimit }

/// <summary>The started pipeline, or null and why not.</summary>
public sealed record IngestStart(RoomPipeline? Pipeline, IngestRefusal Refusal);
