using System.Threading.Channels;
using LiveInteract.Contracts.Auth;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Feeds;
using LiveInteract.Client.Rest;
using LiveInteract.Client.Updates;

namespace LiveInteract.Client;

/// <summary>
/// A LiveInteract client: REST calls, the live hub with automatic reconnect and replay, and one ordered
/// stream of updates (<see cref="Updates"/>). Thread-safe. Every method takes a <see cref="CancellationToken"/>.
/// </summary>
public sealed partial class LiveClient : IAsyncDisposable
{
    private readonly LiveClientOptions _options;
    private readonly HttpClient _http;
    private readonly RestApi _rest;
    private readonly Channel<LiveUpdate> _updates = Channel.CreateUnbounded<LiveUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, RoomFeed> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _roomsLock = new();
    private volatile AuthToken? _token;
    private volatile string? _rawToken;

    public LiveClient(LiveClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var baseUrl = options.ServerUrl.AbsoluteUri.EndsWith('/') ? options.ServerUrl : new Uri(options.ServerUrl.AbsoluteUri + "/");
        ServerUrl = baseUrl;
        _http = new HttpClient(options.HttpMessageHandlerFactory?.Invoke() ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = baseUrl,
            Timeout = options.HttpTimeout,
        };
        _rest = new RestApi(_http, GetAccessTokenAsync);
        _hub = BuildHub();
    }

    public LiveClient(Uri serverUrl) : this(new LiveClientOptions { ServerUrl = serverUrl }) { }

    public Uri ServerUrl { get; }

    /// <summary>The token from <see cref="SignInAsGuestAsync"/>, with the user id and name the server gave.</summary>
    public AuthToken? Token => _token;

    /// <summary>
    /// Every update, in order, since the client was created: events of joined rooms (each seq once, in seq
    /// order, across reconnects), counters, viewer counts, room ends, connection changes. One reader at a
    /// time; updates wait in memory until read, so an app should keep reading while it is connected.
    /// </summary>
    public IAsyncEnumerable<LiveUpdate> Updates(CancellationToken cancellationToken = default) =>
        _updates.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Uses a token the app obtained elsewhere (its own login). Applies to the next call and the next (re)connect.</summary>
    public void UseToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _rawToken = token;
        _token = null;
    }

    internal ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        _options.AccessTokenProvider is { } provider ? provider(cancellationToken) : ValueTask.FromResult(_rawToken);

    /// <summary>The rooms this client is in; each is rejoined after a reconnect.</summary>
    public IReadOnlyList<string> JoinedRooms
    {
        get { lock (_roomsLock) return [.. _rooms.Keys]; }
    }

    /// <summary>The last seq handed to the app for <paramref name="roomId"/> (persist it to resume after an app restart).</summary>
    public long? LastSeq(string roomId)
    {
        lock (_roomsLock) return _rooms.TryGetValue(roomId, out var feed) ? feed.LastSeq : null;
    }

    private void Publish(LiveUpdate update) => _updates.Writer.TryWrite(update);

    public async ValueTask DisposeAsync()
    {
        _wantConnected = false;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _connectLock.Dispose();
        _http.Dispose();
        _updates.Writer.TryComplete();
    }
}
