using System.Net;
using System.Net.Sockets;

namespace LabelStudioMl.Bot.Testing;

/// <summary>A loopback port that nothing listens on (bound, read, released).</summary>
public static class FreePort
{
    /// <summary>Returns a port on 127.0.0.1 that was free a moment ago; connecting to it is refused.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
