using LiveInteract.Client.Connection;

namespace LiveInteract.Client;

/// <summary>How a <see cref="LiveClient"/> reaches the server and how hard it tries to stay connected.</summary>
public sealed class LiveClientOptions
{
    /// <summary>The server's base address, e.g. <c>https://live.example.com/</c>.</summary>
    public required Uri ServerUrl { get; init; }

    /// <summary>
    /// Supplies the bearer token for every REST call and every (re)connect. Leave null to use the token from
    /// <see cref="LiveClient.SignInAsGuestAsync"/> or <see cref="LiveClient.UseToken"/>; set it when the app
    /// refreshes tokens itself (it is asked again on each reconnect, so a refreshed token is picked up).
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; init; }

    /// <summary>Delays between reconnect attempts; attempts never stop while the client wants to be connected.</summary>
    public ReconnectBackoff Reconnect { get; init; } = new();

    /// <summary>Lets tests or apps supply their own HTTP stack (proxies, certificate pinning). Null: a default handler.</summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; init; }

    /// <summary>
    /// Opens the hub's WebSocket (given its ws:// or wss:// address, access token already in the query string) instead of
    /// SignalR's default. With SkipNegotiation SignalR never uses <see cref="HttpMessageHandlerFactory"/> for the
    /// WebSocket, so this is how e.g. the load-test tool binds the hub socket to a chosen source address. Null: the default.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<System.Net.WebSockets.WebSocket>>? WebSocketFactory { get; init; }

    /// <summary>The hub protocol: <see cref="HubProtocol.Json"/> (default) or <see cref="HubProtocol.MessagePack"/>. REST calls are JSON either way.</summary>
    public HubProtocol Protocol { get; init; } = HubProtocol.Json;

    /// <summary>Time allowed for REST calls.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
