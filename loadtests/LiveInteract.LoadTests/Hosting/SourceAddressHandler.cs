using System.Net;
using System.Net.Sockets;

namespace LiveInteract.LoadTests.Hosting;

/// <summary>
/// One loopback client can open at most ~28k connections to one server port (the ephemeral port range of one
/// source address). Binding each client's sockets to 127.0.0.N spreads them over N source addresses; Linux answers
/// on all of 127.0.0.0/8 without configuration. Used for REST and the hub's WebSocket alike (SignalR passes the
/// handler to ClientWebSocket).
/// </summary>
public static class SourceAddressHandler
{
    public static SocketsHttpHandler Create(int viewerIndex, int addresses)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        if (addresses <= 1) return handler;
        var source = new IPAddress(new byte[] { 127, 0, 0, (byte)(1 + viewerIndex % addresses) });
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
