using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>The fake's side of one gateway WebSocket.</summary>
internal sealed class FakeGatewayConnection(WebSocket socket, HttpContext context, int? maxFrameBytes) : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public bool Authenticated { get; set; }

    public string? SessionId { get; set; }

    /// <summary>Caught up with the session's events: new dispatches go straight out.</summary>
    public bool Live { get; set; }

    public long LastSentSequence { get; set; }

    public CancellationToken Aborted => context.RequestAborted;

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var frame = maxFrameBytes is > 0 ? maxFrameBytes.Value : bytes.Length;
            for (var offset = 0; offset < bytes.Length && socket.State == WebSocketState.Open; offset += frame)
            {
                var length = Math.Min(frame, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Text, offset + length >= bytes.Length, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Receives a whole message (frames assembled); <c>TooBig</c> once it passes <paramref name="limit"/> bytes.</summary>
    public async Task<(string? Text, int? CloseCode, bool TooBig)> ReceiveAsync(int limit)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Aborted);
            if (result.MessageType == WebSocketMessageType.Close)
                return (null, (int?)socket.CloseStatus, false);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.Length > limit
                    ? (null, null, true)
                    : (Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), null, false);
            }
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Abort() => context.Abort();

    public void Dispose() => _sendLock.Dispose();
}
