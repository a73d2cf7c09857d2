using System.Collections.Concurrent;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Training;

/// <summary>
/// Runs <c>/train</c> in the background (Label Studio may hold the call until training ends), then reads the backend
/// and its versions and tells the result once: as a follow-up of the interaction while its token lives, otherwise as a
/// channel message replying to the "training started" message. A call cut off by the time limit or by a shutdown
/// leaves the run to <see cref="InterruptedRunResumer"/>, which reads the result from the model version.
/// </summary>
internal sealed partial class TrainingRunner(
    LabelStudioClient labelStudio,
    TrainingRunStore runs,
    NotificationOutbox outbox,
    ProjectLookup projects,
    IOptions<TrainingOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TrainingRunner> logger)
{
    /// <summary>How long a result waits for its "training started" message to be shown before it goes out anyway.</summary>
    private static readonly TimeSpan StartMessageWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _startShown = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for <paramref name="run"/>'s <c>/train</c> call; <paramref name="responder"/> answers the interaction while it can.</summary>
    public void Start(TrainingRun run, IInteractionResponder? responder)
    {
        var stopping = lifetime.ApplicationStopping;
        _startShown[run.InteractionId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[run.Id] = Task.Run(async () =>
        {
            try
            {
                await TrainAsync(run, responder, stopping);
            }
            finally
            {
                _inFlight.TryRemove(run.Id, out _);
                _startShown.TryRemove(run.InteractionId, out _);
            }
        }, CancellationToken.None);
    }

    /// <summary>The "training started" message is shown (and its id stored): the result may go out now, after it.</summary>
    public void StartMessageShown(string interactionId)
    {
        if (_startShown.TryGetValue(interactionId, out var shown))
            shown.TrySetResult();
    }

    /// <summary>Waits until every run this process started has told its result (the console waits before it exits).</summary>
    public async Task WhenIdleAsync(Action<int>? waiting, CancellationToken cancellationToken)
    {
        var pending = _inFlight.Values.ToList();
        if (pending.Count == 0)
            return;
        waiting?.Invoke(pending.Count);
        await Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Tells a run's result once: the final status is stored first (a run already final is not told again), then the
    /// follow-up goes out, or the channel message is queued in the same transaction.
    /// </summary>
    public async Task ReportAsync(TrainingRun run, TrainingResult result, Reply reply, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        // A quick result must not overtake the message it replies to (nor go out before that message's id is stored).
        if (_startShown.TryGetValue(run.InteractionId, out var shown))
            await shown.Task.WaitAsync(StartMessageWait, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await runs.FindAsync(run.Id, cancellationToken) ?? run;
        var post = stored.ChannelId is { } channel
            ? new ChannelPost(channel, NotificationKind.Training, reply) { ReplyToMessageId = stored.StartMessageId }
            : null;
        var followUp = responder is not null && (post is null || time.GetUtcNow() - run.StartedAt < options.Value.FollowUpWindow);
        if (!await runs.FinishAsync(run.Id, result, followUp ? null : post, cancellationToken))
            return;
        LogResult(run.Id, run.BackendId, result.Status);
        if (!followUp)
            return;

        try
        {
            await responder!.FollowUpAsync(reply, cancellationToken);
        }
        catch (Exception e) when (post is not null && e is not OperationCanceledException)
        {
            // The interaction token expired or Discord refused the follow-up: the channel still gets the result.
            LogFollowUpFailed(run.Id, e.Message);
            await outbox.EnqueueAsync(post, cancellationToken);
        }
    }

    /// <summary>Reads the backend after training and tells the result; the versions are best effort.</summary>
    public async Task ReportFromBackendAsync(TrainingRun run, MlBackend after, bool interrupted, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        MlBackendVersions? versions = null;
        try
        {
            versions = await labelStudio.GetVersionsAsync(run.BackendId, cancellationToken);
        }
        catch (LabelStudioException e)
        {
            LogVersionsUnavailable(run.BackendId, e.Message);
        }

        var result = TrainingResult.Of(run, after, time.GetUtcNow());
        var embed = TrainingReport.Result(run, result, after, await projects.FindAsync(after.Project, cancellationToken), versions, interrupted);
        await ReportAsync(run, result, Reply.Of(embed), responder, cancellationToken);
    }

    private async Task TrainAsync(TrainingRun run, IInteractionResponder? responder, CancellationToken stopping)
    {
        try
        {
            try
            {
                await labelStudio.TrainAsync(run.BackendId, stopping);
            }
            catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.Timeout)
            {
                // Label Studio held the call past LabelStudio:TrainTimeout; training may still run on the ML server.
                LogCutOff(run.Id, run.BackendId);
                await runs.InterruptAsync(run.Id, stopping);
                return;
            }
            catch (LabelStudioException e)
            {
                var result = new TrainingResult(TrainingResult.NotStarted, run.VersionBefore, e.Message, time.GetUtcNow());
                await ReportAsync(run, result, Reply.Of(TrainingReport.NotStarted(run, e)), responder, stopping);
                return;
            }

            var after = await labelStudio.GetBackendAsync(run.BackendId, stopping);
            await ReportFromBackendAsync(run, after, interrupted: false, responder, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the run stays "running" and the next start reads its result from the model version.
        }
        catch (Exception e)
        {
            // Label Studio failed after training, or the store did: the resumer reads the result from the model version.
            LogReadFailed(e, run.Id, run.BackendId);
            await InterruptQuietlyAsync(run);
        }
    }

    /// <summary>Leaves the run to the resumer; a store that fails here too leaves it "running", which the next start interrupts.</summary>
    private async Task InterruptQuietlyAsync(TrainingRun run)
    {
        try
        {
            await runs.InterruptAsync(run.Id, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogInterruptFailed(e, run.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} could not be marked interrupted; the next start will finish it")]
    private partial void LogInterruptFailed(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} of backend {BackendId} ended: {Status}")]
    private partial void LogResult(long runId, int backendId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The result of training run {RunId} could not go out as a follow-up ({Reason}); it is posted in the channel instead")]
    private partial void LogFollowUpFailed(long runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The versions of backend {BackendId} could not be read after training: {Reason}")]
    private partial void LogVersionsUnavailable(int backendId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: Label Studio held /train of backend {BackendId} past LabelStudio:TrainTimeout; the result will be read from the model version")]
    private partial void LogCutOff(long runId, int backendId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: the backend {BackendId} could not be read after training; the result will be read from the model version")]
    private partial void LogReadFailed(Exception exception, long runId, int backendId);
}
