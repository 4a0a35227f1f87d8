using LiveInteract.Grains.Storage;
using Orleans.Runtime;

namespace LiveInteract.Grains.Tests.Storage;

public sealed class StoredConcernTests
{
    [Fact]
    public async Task Only_changed_concerns_are_written_in_order_and_a_failed_write_leaves_them_changed()
    {
        var first = new StoredConcern<List<int>>(new MemoryState([]));
        var second = new StoredConcern<List<int>>(new MemoryState([]));
        var third = new StoredConcern<List<int>>(new MemoryState([]));
        StoredConcern[] all = [first, second, third];
        third.State.Add(3);
        third.MarkChanged();
        first.State.Add(1);
        first.MarkChanged();

        var taken = StoredConcern.TakeChanged(all);
        Assert.Equal([first, third], taken);
        Assert.DoesNotContain(all, c => c.Changed);
        // A change made while the write runs is marked for the next write.
        second.MarkChanged();
        await Task.WhenAll(Array.ConvertAll(taken, c => c.Write()));
        Assert.Equal([second], StoredConcern.TakeChanged(all));

        // The storage step failed after taking them: they are written again on the next try.
        StoredConcern.Restore(taken);
        Assert.Equal([first, third], StoredConcern.TakeChanged(all));
        Assert.Empty(StoredConcern.TakeChanged(all));
    }

    [Fact]
    public async Task Write_stores_the_current_state()
    {
        var storage = new MemoryState([]);
        var concern = new StoredConcern<List<int>>(storage);
        Assert.False(concern.RecordExists);
        concern.State.Add(7);
        await concern.Write();
        Assert.True(concern.RecordExists);
        Assert.Equal([7], storage.Written);
    }

    /// <summary>Grain storage in memory: keeps a copy of what was last written.</summary>
    private sealed class MemoryState(List<int> state) : IPersistentState<List<int>>
    {
        public List<int> State { get; set; } = state;
        public List<int>? Written { get; private set; }
        public string? Etag { get; private set; }
        public bool RecordExists => Written is not null;

        public Task WriteStateAsync()
        {
            Written = [.. State];
            Etag = Guid.NewGuid().ToString();
            return Task.CompletedTask;
        }

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task ClearStateAsync()
        {
            Written = null;
            return Task.CompletedTask;
        }
    }
}
