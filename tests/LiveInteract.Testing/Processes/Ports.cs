using System.Net;
using System.Net.Sockets;

namespace LiveInteract.Testing;

/// <summary>Free loopback ports: every server a test starts binds 127.0.0.1 on one of these.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
