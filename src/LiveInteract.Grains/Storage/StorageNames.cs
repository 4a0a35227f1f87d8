namespace LiveInteract.Grains.Storage;

/// <summary>The grain storage every LiveInteract grain writes to (SQLite in Local, Redis in Cluster).</summary>
public static class StorageNames
{
    public const string Default = "liveinteract";
}
