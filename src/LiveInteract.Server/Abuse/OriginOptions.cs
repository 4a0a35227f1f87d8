namespace LiveInteract.Server.Abuse;

/// <summary>
/// The Origin allow-list ("Origins" section). CORS does not protect WebSockets, so browser requests to the hub and
/// every WebSocket upgrade (the hub, the ingest path <c>/rooms/{roomId}/ingest</c>) are checked here.
/// </summary>
public sealed class OriginOptions
{
    public const string Section = "Origins";

    /// <summary>Origins allowed besides the server's own, exactly as browsers send them, e.g. <c>https://live.example.com</c>.</summary>
    public List<string> Allowed { get; set; } = [];

    /// <summary>Path prefixes whose every request is checked (WebSocket upgrades are checked on any path). Default <c>/hubs</c>.</summary>
    public List<string> PathPrefixes { get; set; } = [];

    public IReadOnlyList<string> EffectivePathPrefixes => PathPrefixes.Count > 0 ? PathPrefixes : ["/hubs"];
}
