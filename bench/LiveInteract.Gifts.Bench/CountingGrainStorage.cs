using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveInteract.Gifts.Bench;

/// <summary>The real grain storage, counting the serialized bytes of every room state it writes (what a tick costs).</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, Serializer serializer) : IGrainStorage
{
    private long _bytes;
    private long _writes;

    public long Bytes => Interlocked.Read(ref _bytes);
    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName.StartsWith("room", StringComparison.Ordinal))
        {
            Interlocked.Add(ref _bytes, serializer.SerializeToArray(grainState.State).Length);
            Interlocked.Increment(ref _writes);
        }
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
