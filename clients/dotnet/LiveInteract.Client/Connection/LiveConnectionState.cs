namespace LiveInteract.Client.Connection;

public enum LiveConnectionState
{
    /// <summary>Not connected and not trying (before <c>ConnectAsync</c>, after <c>DisconnectAsync</c>).</summary>
    Disconnected,
    /// <summary>Connected, every joined room rejoined.</summary>
    Connected,
    /// <summary>The connection dropped; the client is retrying with back-off and will rejoin its rooms.</summary>
    Reconnecting,
}
