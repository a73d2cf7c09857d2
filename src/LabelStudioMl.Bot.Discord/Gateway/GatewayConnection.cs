using System.Buffers;
using System.Net.WebSockets;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>One WebSocket connection to the gateway: whole messages in, size- and rate-checked messages out, bounded close.</summary>
internal sealed class GatewayConnection : IDisposable
{
    private const int MaxInboundMessageBytes = 16 * 1024 * 1024;
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _inbound = new(16 * 1024);

    private GatewayConnection(ClientWebSocket socket, GatewaySendLimiter limiter)
    {
        _socket = socket;
        Limiter = limiter;
    }

    public GatewaySendLimiter Limiter { get; }

    public static async Task<GatewayConnection> OpenAsync(Uri url, GatewaySendLimiter limiter, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            return new GatewayConnection(socket, limiter);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Builds the gateway URL with <c>?v=10&amp;encoding=json</c> (same query for fresh and resume connections).</summary>
    public static Uri WithQuery(string baseUrl)
    {
        var builder = new UriBuilder(baseUrl.Trim());
        if (builder.Path.Length == 0)
            builder.Path = "/";
        builder.Query = "v=10&encoding=json";
        return builder.Uri;
    }

    /// <summary>Receives one whole message (assembling its frames), or the close the peer sent (null message).</summary>
    public async Task<(ReadOnlyMemory<byte>? Message, int? CloseCode)> ReceiveAsync(CancellationToken cancellationToken)
    {
        _inbound.ResetWrittenCount();
        while (true)
        {
            var memory = _inbound.GetMemory(8192);
            var result = await _socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return (null, (int?)_socket.CloseStatus);
            _inbound.Advance(result.Count);
            if (_inbound.WrittenCount > MaxInboundMessageBytes)
                throw new WebSocketException("A gateway message exceeded 16 MiB.");
            if (result.EndOfMessage)
                return (_inbound.WrittenMemory, null);
        }
    }

    /// <summary>Sends one payload; refuses payloads over 4096 bytes before anything goes out.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> payload, bool heartbeat, CancellationToken cancellationToken)
    {
        if (payload.Length > GatewayPayloadTooLargeException.MaxPayloadBytes)
        {
            throw new GatewayPayloadTooLargeException(
                $"A gateway payload of {payload.Length} bytes was refused: the limit is {GatewayPayloadTooLargeException.MaxPayloadBytes} bytes.");
        }

        await Limiter.WaitAsync(heartbeat, cancellationToken);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends a close frame with <paramref name="code"/> and waits for the peer's, at most <paramref name="timeout"/>;
    /// then aborts. A zombied peer never answers, and an unbounded close hangs (Discord.Net #2126).
    /// </summary>
    public async Task CloseAsync(int code, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync(cts.Token);
                try
                {
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, null, cts.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            var buffer = new byte[1024];
            while (_socket.State == WebSocketState.CloseSent)
                await _socket.ReceiveAsync(buffer.AsMemory(), cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Bounded: whatever the peer does, the socket is aborted below.
        }
        finally
        {
            _socket.Abort();
        }
    }

    /// <summary>Only sends a close frame (bounded), for when another task is still receiving.</summary>
    public async Task SendCloseAsync(int code, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _sendLock.WaitAsync(cts.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, null, cts.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Drops the connection without a close frame.</summary>
    public void Abort() => _socket.Abort();

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
