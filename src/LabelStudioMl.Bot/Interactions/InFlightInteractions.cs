using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// Commands and button presses that were acknowledged and still run, at most <see cref="CommandSettings.MaxInFlight"/>.
/// The gateway worker that received one is free again once Discord has its acknowledgement, so a slow Label Studio
/// never keeps help, autocomplete or the next command from being acknowledged within Discord's 3 seconds. At stop,
/// running ones get the host's shutdown time to finish.
/// </summary>
internal sealed partial class InFlightInteractions(IOptions<CommandSettings> settings, ILogger<InFlightInteractions> logger) : IHostedService
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private int _starting;

    public int Limit => settings.Value.MaxInFlight;

    /// <summary>
    /// Runs <paramref name="work"/> with a responder that reports its acknowledgement, and returns once that came (or
    /// the work ended); the work goes on. False, with nothing run, when <see cref="Limit"/> are already running.
    /// </summary>
    public async Task<bool> TryRunAsync(IInteractionResponder responder, Func<IInteractionResponder, Task> work)
    {
        lock (_lock)
        {
            if (_running.Count + _starting >= Limit)
                return false;
            _starting++;
        }

        var watched = new AcknowledgementWatch(responder);
        var run = Task.Run(() => work(watched));
        lock (_lock)
        {
            _starting--;
            _running.Add(run);
        }

        _ = run.ContinueWith(Finished, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await Task.WhenAny(run, watched.Acknowledged);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock)
            running = [.. _running];
        if (running.Length == 0)
            return;
        LogDraining(running.Length);
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(Timeout.Infinite, cancellationToken));
    }

    private void Finished(Task run)
    {
        lock (_lock)
            _running.Remove(run);
        if (run.Exception is { } failure)
            LogFailedAfterAcknowledgement(failure.GetBaseException());
    }

    /// <summary>Passes every call on; completes <see cref="Acknowledged"/> once an initial response was sent (or failed).</summary>
    private sealed class AcknowledgementWatch(IInteractionResponder inner) : IInteractionResponder
    {
        private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Acknowledged => _acknowledged.Task;

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken) => Initial(inner.RespondAsync(reply, cancellationToken));

        public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) => Initial(inner.DeferAsync(ephemeral, cancellationToken));

        public Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken) => inner.EditOriginalAsync(reply, cancellationToken);

        public Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken) => inner.FollowUpAsync(reply, cancellationToken);

        public Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken) => Initial(inner.UpdateMessageAsync(reply, cancellationToken));

        public Task DisableButtonsAsync(CancellationToken cancellationToken) => Initial(inner.DisableButtonsAsync(cancellationToken));

        private async Task Initial(Task call)
        {
            try
            {
                await call;
            }
            finally
            {
                _acknowledged.TrySetResult();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Count} running commands to finish before stopping.")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A command failed after its acknowledgement.")]
    private partial void LogFailedAfterAcknowledgement(Exception exception);
}
