using LiveInteract.Client.Connection;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Json;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Client;

// The hub connection and its supervision: connect, notice drops, reconnect with back-off forever, rejoin rooms.
public sealed partial class LiveClient
{
    private readonly HubConnection _hub;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private TaskCompletionSource _connected = NewSignal();
    private volatile bool _wantConnected;
    private int _reconnecting;
    private volatile LiveConnectionState _state = LiveConnectionState.Disconnected;

    public LiveConnectionState State => _state;

    private HubConnection BuildHub()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(ServerUrl, HubRoutes.Live.TrimStart('/')), o =>
            {
                o.AccessTokenProvider = async () => await GetAccessTokenAsync(_lifetime.Token).ConfigureAwait(false);
                // WebSockets only, no negotiate round trip: works behind a proxy without sticky sessions.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (_options.HttpMessageHandlerFactory is { } factory) o.HttpMessageHandlerFactory = _ => factory();
                if (_options.WebSocketFactory is { } webSockets) o.WebSocketFactory = (context, ct) => webSockets(context.Uri, ct);
            });
        _options.Protocol.ApplyTo(builder);
        var hub = builder.Build();
        hub.On<EventBatch>(HubMethods.Events, OnEvents);
        hub.On<string, int>(HubMethods.ViewerCount, (roomId, count) => Publish(new ViewerCountUpdate(roomId, count)));
        hub.On<string>(HubMethods.RoomEnded, roomId => Publish(new RoomEndedUpdate(roomId)));
        hub.On<string, string>(HubMethods.Kicked, OnKicked);
        hub.On<string, long>(HubMethods.Lagged, OnLagged);
        hub.Closed += OnClosedAsync;
        return hub;
    }

    /// <summary>
    /// Connects to the live hub (one attempt; throws if the server cannot be reached or refuses the token).
    /// From then on the client keeps itself connected: after a drop it retries with back-off until
    /// <see cref="DisconnectAsync"/>, and rejoins its rooms from their last seq.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_hub.State == HubConnectionState.Connected && _state == LiveConnectionState.Connected) return;
            _wantConnected = true;
            if (_hub.State == HubConnectionState.Disconnected) await _hub.StartAsync(cancellationToken).ConfigureAwait(false);
            await RejoinAllAsync(cancellationToken).ConfigureAwait(false);
            SetState(LiveConnectionState.Connected, null, 0);
        }
        catch
        {
            if (_hub.State != HubConnectionState.Connected) _wantConnected = false;
            throw;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Closes the connection and stops reconnecting. Joined rooms are remembered for the next <see cref="ConnectAsync"/>.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        _wantConnected = false;
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _hub.StopAsync(cancellationToken).ConfigureAwait(false);
            SetState(LiveConnectionState.Disconnected, null, 0);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Waits until the client is connected (and its rooms rejoined). Throws if it is not trying to be.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default)
    {
        if (_state == LiveConnectionState.Connected) return Task.CompletedTask;
        if (!_wantConnected) throw new InvalidOperationException("the client is not connected: call ConnectAsync first");
        return Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);
    }

    private Task OnClosedAsync(Exception? error)
    {
        if (!_wantConnected || _lifetime.IsCancellationRequested) return Task.CompletedTask;
        if (Interlocked.CompareExchange(ref _reconnecting, 1, 0) != 0) return Task.CompletedTask; // the loop is already on it
        SetState(LiveConnectionState.Reconnecting, error, 0);
        _ = Task.Run(() => ReconnectLoopAsync(_lifetime.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ReconnectLoopAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested && _wantConnected)
        {
            try
            {
                await Task.Delay(_options.Reconnect.DelayFor(attempt), stopping).ConfigureAwait(false);
                await _connectLock.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            try
            {
                if (!_wantConnected) break;
                if (_hub.State == HubConnectionState.Disconnected) await _hub.StartAsync(stopping).ConfigureAwait(false);
                await RejoinAllAsync(stopping).ConfigureAwait(false);
                SetState(LiveConnectionState.Connected, null, 0);
                Volatile.Write(ref _reconnecting, 0);
                // A drop between the rejoin and the line above was ignored by OnClosedAsync: take it up here.
                if (_hub.State == HubConnectionState.Connected || !_wantConnected || Interlocked.CompareExchange(ref _reconnecting, 1, 0) != 0) return;
                SetState(LiveConnectionState.Reconnecting, null, 0);
                attempt = 0;
                continue;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                attempt++;
                Publish(new ConnectionUpdate(LiveConnectionState.Reconnecting, ex, attempt));
                // Half-open (connected, but a rejoin failed): close it so the next attempt starts clean.
                if (_hub.State != HubConnectionState.Disconnected)
                {
                    try { await _hub.StopAsync(CancellationToken.None).ConfigureAwait(false); } catch (Exception) { }
                }
            }
            catch (Exception) { break; }
            finally
            {
                _connectLock.Release();
            }
        }
        Volatile.Write(ref _reconnecting, 0);
    }

    // Rejoins every room from the last seq handed to the app. A room the server refuses (ended, removed) is
    // dropped and reported; a failure of the connection itself propagates so the loop tries again.
    private async Task RejoinAllAsync(CancellationToken cancellationToken)
    {
        foreach (var roomId in JoinedRooms)
        {
            try
            {
                await JoinCoreAsync(roomId, resumeAfter: null, cancellationToken).ConfigureAwait(false);
            }
            catch (LiveClientException ex)
            {
                lock (_roomsLock) _rooms.Remove(roomId);
                Publish(new RejoinFailedUpdate(roomId, ex.Message));
            }
        }
    }

    private void SetState(LiveConnectionState state, Exception? error, int attempt)
    {
        if (_state == state && error is null) return;
        _state = state;
        if (state == LiveConnectionState.Connected) Volatile.Read(ref _connected).TrySetResult();
        else if (Volatile.Read(ref _connected).Task.IsCompleted) Volatile.Write(ref _connected, NewSignal());
        Publish(new ConnectionUpdate(state, error, attempt));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Invokes a hub method once, after waiting for the connection; server refusals become <see cref="LiveClientException"/>.</summary>
    private async Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken cancellationToken)
    {
        await WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _hub.InvokeCoreAsync<T>(method, args, cancellationToken).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            throw LiveClientException.FromHub(ex);
        }
    }

    private async Task InvokeAsync(string method, object?[] args, CancellationToken cancellationToken)
    {
        await WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _hub.InvokeCoreAsync(method, args, cancellationToken).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            throw LiveClientException.FromHub(ex);
        }
    }
}
