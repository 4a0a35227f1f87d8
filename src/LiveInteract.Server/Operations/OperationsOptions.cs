namespace LiveInteract.Server.Operations;

/// <summary>Operator tools ("Operations" section). Off by default: they reveal silo addresses.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// Maps <c>GET /ops/rooms/{roomId}/placement</c> (where the room grain is active, whether this silo runs its video)
    /// and <c>GET /ops/memory</c> (live managed bytes after a full GC, RSS, GC mode).
    /// Turn on only where <c>/ops</c> is reachable from the operators' network alone (the proxy in deploy/ blocks it).
    /// </summary>
    public bool Diagnostics { get; set; }

    /// <summary>
    /// The Orleans dashboard (Microsoft.Orleans.Dashboard) at <c>/dashboard</c>, reachable only with a service API key
    /// (<c>X-Api-Key</c>). Off by default: it shows grain state and silo details.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary><c>/metrics</c> and <c>/openapi</c> also require a service API key (e.g. in the Cluster profile).</summary>
    public bool RestrictTelemetry { get; set; }
}
