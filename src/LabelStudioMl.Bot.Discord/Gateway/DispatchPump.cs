using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Hands dispatches to <see cref="IGatewayDispatchHandler"/>s on worker tasks, so handler work never blocks the
/// receive loop or the heartbeat (Discord.Net #1454). Each dispatch gets its own DI scope.
/// </summary>
internal sealed partial class DispatchPump(IServiceScopeFactory scopes, int concurrency, ILogger logger)
{
    private readonly Channel<GatewayDispatch> _queue = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleWriter = true });
    private Task[] _workers = [];

    public void Start(CancellationToken stopping)
    {
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(stopping), CancellationToken.None)).ToArray();
    }

    public void Enqueue(GatewayDispatch dispatch) => _queue.Writer.TryWrite(dispatch);

    public async Task StopAsync(TimeSpan grace)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(_workers), Task.Delay(grace));
    }

    /// <remarks>
    /// Each worker waits in <see cref="ChannelReader{T}.ReadAsync"/>, which hands a dispatch to exactly one waiting
    /// worker. <c>ReadAllAsync</c> waits in <c>WaitToReadAsync</c> instead, and every write wakes all of those waiters:
    /// with 256 idle workers, each interaction woke 256 tasks, 255 of them only to wait again, ahead of the one that
    /// had work on the thread pool's queue.
    /// </remarks>
    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                GatewayDispatch dispatch;
                try
                {
                    dispatch = await _queue.Reader.ReadAsync(stopping);
                }
                catch (ChannelClosedException)
                {
                    return;
                }

                await HandleAsync(dispatch, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(GatewayDispatch dispatch, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IGatewayDispatchHandler>())
        {
            try
            {
                await handler.HandleAsync(dispatch, stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                LogHandlerFailed(ex, handler.GetType().Name, dispatch.Name, dispatch.Sequence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A gateway handler ({Handler}) failed on {Event} #{Sequence}.")]
    private partial void LogHandlerFailed(Exception exception, string handler, string @event, long? sequence);
}
