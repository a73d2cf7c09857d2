using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Replicas;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// Finishes runs whose <c>/train</c> call was cut off. At start, runs a previous process left running become
/// interrupted (on a store shared by replicas, at every check, those of a replica that stopped beating for
/// <c>Leader:TakeoverTimeout</c>); then each is read every <see cref="TrainingSettings.PollInterval"/> until its model version
/// changes (finished), or until <see cref="TrainingSettings.ResultDeadline"/> after its start, when what the backend
/// shows is the result; a backend that is gone (404) ends the run as removed. Either way it is posted once, replying to
/// the "training started" message.
/// </summary>
internal sealed partial class InterruptedRunResumer(
    TrainingRunStore runs,
    TrainingRunner runner,
    LabelStudioClient labelStudio,
    IOptions<TrainingSettings> options,
    IOptions<LeaderSettings> leader,
    TimeProvider time,
    ILogger<InterruptedRunResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InterruptLeftoversAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    // Replicas: a replica that died mid-training is noticed here, not only when this one began to lead.
                    if (runs.IsShared)
                        await InterruptLeftoversAsync(stoppingToken);
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; interrupted runs stay owed for the next start.
        }
    }

    private async Task InterruptLeftoversAsync(CancellationToken cancellationToken)
    {
        var interrupted = await runs.InterruptLeftoversAsync(time.GetUtcNow() - leader.Value.TakeoverTimeout, cancellationToken);
        if (interrupted > 0)
            LogLeftovers(interrupted);
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await runs.InterruptedAsync(cancellationToken))
            await FollowAsync(run, responder: null, cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="run"/>'s backend once and tells its result when there is one: a new model version, the
    /// deadline passed, or the backend gone. Returns whether the run ended; <paramref name="responder"/> (the console)
    /// shows the result where the caller waits for it.
    /// </summary>
    public async Task<bool> FollowAsync(TrainingRun run, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        try
        {
            var backend = await labelStudio.GetBackendAsync(run.BackendId, cancellationToken);
            var newVersion = !string.IsNullOrWhiteSpace(backend.ModelVersion)
                && !string.Equals(backend.ModelVersion, run.VersionBefore ?? "", StringComparison.Ordinal);
            if (!newVersion && time.GetUtcNow() - run.StartedAt < options.Value.ResultDeadline)
                return false;
            await runner.ReportFromBackendAsync(run, backend, interrupted: true, responder, cancellationToken);
            return true;
        }
        catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.NotFound)
        {
            // Removed during training (in Label Studio, or by /ml remove in another process): no result will come.
            await runner.ReportRemovedAsync(run, responder, cancellationToken);
            return true;
        }
        catch (LabelStudioException e)
        {
            // Label Studio is down; the run stays owed and is read again next time.
            LogUnreadable(run.Id, run.BackendId, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} training run(s) were in flight when the bot stopped; their results will be read from the model version")]
    private partial void LogLeftovers(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interrupted training run {RunId}: backend {BackendId} could not be read ({Reason}); trying again later")]
    private partial void LogUnreadable(long runId, int backendId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking interrupted training runs failed; trying again later")]
    private partial void LogFailed(Exception exception);
}
