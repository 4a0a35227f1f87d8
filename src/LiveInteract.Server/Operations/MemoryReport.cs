using System.Runtime;

namespace LiveInteract.Server.Operations;

/// <summary>
/// The process's memory right after a full blocking, compacting collection (<c>GET /ops/memory</c>): what is still
/// reachable, not what garbage happens to be lying around. The load tool reads it before the first viewer and after
/// the last delivery to work out managed bytes per connected viewer (docs/BENCHMARKS.md "Memory per viewer").
/// </summary>
/// <param name="ManagedBytes">Bytes of live objects on the managed heap (<c>GC.GetTotalMemory</c> after the collection).</param>
/// <param name="HeapSizeBytes">The GC heap including fragmentation (<c>GCMemoryInfo.HeapSizeBytes</c>).</param>
/// <param name="CommittedBytes">Memory the GC has committed from the OS.</param>
/// <param name="WorkingSetBytes">Resident set size of the process.</param>
/// <param name="GcMode">"workstation" or "server", with "+datas" when dynamic adaptation is on.</param>
public sealed record MemoryReport(long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long WorkingSetBytes, string GcMode)
{
    public static MemoryReport AfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var datas = AppContext.GetData("System.GC.DynamicAdaptationMode") is int mode ? mode == 1
            : Environment.GetEnvironmentVariable("DOTNET_GCDynamicAdaptationMode") == "1";
        var gc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.IsServerGC && datas ? "+datas" : "");
        return new MemoryReport(GC.GetTotalMemory(false), info.HeapSizeBytes, info.TotalCommittedBytes, Environment.WorkingSet, gc);
    }
}
