using System.Net;
using System.Net.Sockets;

namespace Qadam.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of the test PostgreSQL, so a test can take the database away from a running app
/// (stop the forwarder: new connections are refused, open ones are cut) without touching the shared server.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> open = [];
    private readonly string targetHost;
    private readonly int targetPort;
    private Task? accepting;

    public TcpForwarder(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(targetHost, targetPort);
            lock (open) { open.Add(inbound); open.Add(outbound); }
            _ = PipeAsync(inbound.GetStream(), outbound.GetStream());
            _ = PipeAsync(outbound.GetStream(), inbound.GetStream());
        }
    }

    private async Task PipeAsync(Stream from, Stream to)
    {
        try { await from.CopyToAsync(to, stop.Token); }
        catch (Exception) { /* cut: the other side sees the connection drop */ }
    }

    /// <summary>The database "goes away": refuse new connections and cut the open ones.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        lock (open) { foreach (var c in open) c.Dispose(); open.Clear(); }
        if (accepting is not null) await accepting;
        accepting = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (accepting is not null) await StopAsync();
        stop.Dispose();
    }
}
