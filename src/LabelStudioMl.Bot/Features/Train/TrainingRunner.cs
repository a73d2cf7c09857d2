using System.Collections.Concurrent;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// Runs <c>/train</c> in the background (Label Studio holds the call until the ML server answers, or until its own wait
/// runs out), then reads the backend and its versions and tells the result once: as a follow-up of the interaction
/// while its token lives, otherwise as a channel message replying to the "training started" message. A call that ended
/// before training did (Label Studio's wait, the bot's time limit, a shutdown) leaves the run to
/// <see cref="InterruptedRunResumer"/>, which reads the result from the model version. A report from the ML server's
/// <c>fit()</c> (<see cref="TrainingReportEndpoint"/>) is the result whenever it comes first.
/// </summary>
internal sealed partial class TrainingRunner(
    LabelStudioClient labelStudio,
    TrainingRunStore runs,
    NotificationOutbox outbox,
    ProjectLookup projects,
    BackendCatalog catalog,
    IOptions<TrainingSettings> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TrainingRunner> logger)
{
    /// <summary>How long a result waits for its "training started" message to be shown before it goes out anyway.</summary>
    private static readonly TimeSpan StartMessageWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The share of <see cref="TrainingSettings.LabelStudioWaitLimit"/> after which a returned <c>/train</c> is taken as
    /// Label Studio giving up (its timeout ends the call a little after the limit; network and health checks add to it).
    /// </summary>
    private const double GaveUpShare = 0.95;

    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentDictionary<long, IInteractionResponder> _responders = new();
    private readonly ConcurrentDictionary<long, Task> _reports = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _startShown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, TrainingRun> _heldByLabelStudio = new();

    /// <summary>
    /// The run of <paramref name="backendId"/> whose <c>/train</c> call Label Studio still holds, if any: when the call
    /// returns, Label Studio saves the backend again (<c>MLBackend.train()</c> ends in <c>save()</c>), so a backend
    /// removed meanwhile comes back. This process knows its own calls; on a store shared by replicas, a run still
    /// <c>running</c> there is another replica's call in flight.
    /// </summary>
    public async Task<TrainingRun?> HeldByLabelStudioAsync(int backendId, CancellationToken cancellationToken) =>
        _heldByLabelStudio.GetValueOrDefault(backendId)
        ?? (runs.IsShared
            ? (await runs.InFlightForBackendAsync(backendId, cancellationToken)).FirstOrDefault(r => r.Status == TrainingStatus.Running)
            : null);

    /// <summary>
    /// Ends the run in flight of a removed backend, if any: "backend was removed" goes where its result would have.
    /// Never fails the removal itself: when the store or Discord fails here, the run stays owed and the resumer, which
    /// finds the backend gone (404), tells it later.
    /// </summary>
    public async Task BackendRemovedAsync(int backendId, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var run in await runs.InFlightForBackendAsync(backendId, cancellationToken))
                await ReportRemovedAsync(run, _responders.GetValueOrDefault(run.Id), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRemovedNotTold(e, backendId);
        }
    }

    /// <summary>Tells that <paramref name="run"/>'s backend was removed (Label Studio answers 404 for it): the run ends without a result.</summary>
    public Task ReportRemovedAsync(TrainingRun run, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        var result = new TrainingResult(TrainingResult.Removed, run.VersionBefore, null, time.GetUtcNow());
        return ReportAsync(run, result, Reply.Of(TrainingReport.Removed(run, result)), responder, cancellationToken);
    }

    /// <summary>Starts waiting for <paramref name="run"/>'s <c>/train</c> call; <paramref name="responder"/> answers the interaction while it can.</summary>
    public void Start(TrainingRun run, IInteractionResponder? responder)
    {
        var stopping = lifetime.ApplicationStopping;
        _startShown[run.InteractionId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (responder is not null)
            _responders[run.Id] = responder;
        _inFlight[run.Id] = Task.Run(async () =>
        {
            try
            {
                await TrainAsync(run, responder, stopping);
            }
            finally
            {
                _inFlight.TryRemove(run.Id, out _);
                _responders.TryRemove(run.Id, out _);
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
        var (post, followUp) = await RouteAsync(run, reply, responder, cancellationToken);
        // The channel message is queued with the final status even when the result goes as a follow-up: held back
        // meanwhile, it is removed once the follow-up went, and posted if it failed or the bot died before it went.
        var (finished, postId) = await runs.FinishAsync(run.Id, result, post is null ? null : post with { AwaitsFollowUp = followUp }, cancellationToken);
        if (!finished)
            return;
        LogResult(run.Id, run.BackendId, result.Status);
        if (!followUp)
            return;
        if (postId is not { } held)
        {
            await responder!.FollowUpAsync(reply, cancellationToken);
            return;
        }

        try
        {
            await responder!.FollowUpAsync(reply, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The bot stops: the channel gets the result (from whichever process sends next; a crash leaves the row to
            // the next start, or, on a store shared by replicas, to NotificationOutbox.FollowUpGrace).
            await outbox.ReleaseAsync(held, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            // The interaction token expired or Discord refused the follow-up: the channel gets the result.
            LogFollowUpFailed(run.Id, e.Message);
            await outbox.ReleaseAsync(held, cancellationToken);
            return;
        }

        await outbox.RemoveAsync(held, CancellationToken.None);
    }

    /// <summary>
    /// Where a message of <paramref name="run"/> goes: the channel message that would carry it (replying to the start
    /// message), and whether it goes as a follow-up instead (the interaction's token still lives). Waits first for
    /// the start message to be shown, so a quick message never overtakes the one it replies to.
    /// </summary>
    private async Task<(ChannelPost? Post, bool FollowUp)> RouteAsync(TrainingRun run, Reply reply, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        if (_startShown.TryGetValue(run.InteractionId, out var shown))
            await shown.Task.WaitAsync(StartMessageWait, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await runs.FindAsync(run.Id, cancellationToken) ?? run;
        var post = stored.ChannelId is { } channel
            ? new ChannelPost(channel, NotificationKind.Training, reply) { ReplyToMessageId = stored.StartMessageId }
            : null;
        return (post, responder is not null && (post is null || time.GetUtcNow() - run.StartedAt < options.Value.FollowUpWindow));
    }

    private async Task FollowUpAsync(TrainingRun run, Reply reply, IInteractionResponder responder, ChannelPost? post, CancellationToken cancellationToken)
    {
        try
        {
            await responder.FollowUpAsync(reply, cancellationToken);
        }
        catch (Exception e) when (post is not null && e is not OperationCanceledException)
        {
            // The interaction token expired or Discord refused the follow-up: the channel still gets the message.
            LogFollowUpFailed(run.Id, e.Message);
            await outbox.EnqueueAsync(post, cancellationToken);
        }
    }

    /// <summary>
    /// Takes a report of <paramref name="run"/> from its ML server and tells it in the background (the ML server's
    /// request is not held while Discord is called); a result read from the backend meanwhile waits for it.
    /// </summary>
    public void AcceptReport(TrainingRun run, MlTrainingReport report)
    {
        var stopping = lifetime.ApplicationStopping;
        _reports[run.Id] = Task.Run(async () =>
        {
            try
            {
                var result = new TrainingResult(report.Status, report.ModelVersion ?? run.VersionBefore, report.Status == TrainingResult.Failed ? report.Error ?? "" : null, time.GetUtcNow());
                var embed = TrainingReport.Reported(run, result, report, catalog.FindBackend(run.BackendId), catalog.FindProject(run.ProjectId));
                await ReportAsync(run, result, Reply.Of(embed), _responders.GetValueOrDefault(run.Id), stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReportFailed(e, run.Id);
            }
            finally
            {
                _reports.TryRemove(run.Id, out _);
            }
        }, CancellationToken.None);
    }

    /// <summary>Reads the backend after training and tells the result; the versions are best effort.</summary>
    public async Task ReportFromBackendAsync(TrainingRun run, MlBackend after, bool interrupted, IInteractionResponder? responder, CancellationToken cancellationToken)
    {
        // A report from fit() knows more than the model version: it is told first, and this one is then dropped.
        if (_reports.TryGetValue(run.Id, out var reporting))
            await reporting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

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
            var called = time.GetTimestamp();
            try
            {
                _heldByLabelStudio[run.BackendId] = run;
                await labelStudio.TrainAsync(run.BackendId, stopping);
            }
            catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.NotFound)
            {
                await ReportRemovedAsync(run, responder, stopping);
                return;
            }
            catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.Timeout)
            {
                // Label Studio held the call past LabelStudio:TrainTimeout; training may still run on the ML server.
                LogCutOff(run.Id, run.BackendId);
                await StillTrainingAsync(run, responder, "The bot stopped waiting for Label Studio after LabelStudio:TrainTimeout; training may still run on the ML server.", stopping);
                return;
            }
            catch (LabelStudioException e)
            {
                var result = new TrainingResult(TrainingResult.NotStarted, run.VersionBefore, e.Message, time.GetUtcNow());
                await ReportAsync(run, result, Reply.Of(TrainingReport.NotStarted(run, e)), responder, stopping);
                return;
            }
            finally
            {
                _heldByLabelStudio.TryRemove(run.BackendId, out _);
            }

            var took = time.GetElapsedTime(called);
            if (took >= options.Value.LabelStudioWaitLimit * GaveUpShare)
            {
                // Label Studio's wait for the ML server ran out: it answered an empty 200 and marked the backend ER
                // "Read timed out", which its next read clears (ml/models.py train(), update_state()). The ML server
                // trains on; only a new model version (or a report from fit()) tells the result.
                LogLabelStudioGaveUp(run.Id, run.BackendId, took.TotalSeconds);
                await StillTrainingAsync(run, responder,
                    "Label Studio stopped waiting; still training on the ML server. Label Studio waits at most `ML_TIMEOUT_TRAIN` "
                    + "(`ML_TIMEOUT_PREDICT` in some versions) for the ML server's answer, then gives up and shows the backend connected again on its next read.",
                    stopping);
                return;
            }

            MlBackend after;
            try
            {
                after = await labelStudio.GetBackendAsync(run.BackendId, stopping);
            }
            catch (LabelStudioException e) when (e.Kind == LabelStudioErrorKind.NotFound)
            {
                await ReportRemovedAsync(run, responder, stopping);
                return;
            }

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

    /// <summary>
    /// Says the <c>/train</c> call ended before training did (not a result: a follow-up while the token lives, else a
    /// channel message replying to the start message), then leaves the run to the resumer.
    /// </summary>
    private async Task StillTrainingAsync(TrainingRun run, IInteractionResponder? responder, string why, CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Value;
            var reply = Reply.Of(TrainingReport.StillTraining(run, why, settings.PollInterval, run.StartedAt + settings.ResultDeadline));
            var (post, followUp) = await RouteAsync(run, reply, responder, cancellationToken);
            if (followUp)
                await FollowUpAsync(run, reply, responder!, post, cancellationToken);
            else if (post is not null)
                await outbox.EnqueueAsync(post, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the notice is lost: the result still comes.
            LogNoticeFailed(e, run.Id);
        }
        finally
        {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Backend {BackendId} was removed, but the end of its training run could not be told now; the bot tells it once it finds the backend gone")]
    private partial void LogRemovedNotTold(Exception exception, int backendId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} could not be marked interrupted; the next start will finish it")]
    private partial void LogInterruptFailed(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} of backend {BackendId} ended: {Status}")]
    private partial void LogResult(long runId, int backendId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of training run {RunId} could not go out as a follow-up ({Reason}); it is posted in the channel instead")]
    private partial void LogFollowUpFailed(long runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The versions of backend {BackendId} could not be read after training: {Reason}")]
    private partial void LogVersionsUnavailable(int backendId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: Label Studio held /train of backend {BackendId} past LabelStudio:TrainTimeout; the result will be read from the model version")]
    private partial void LogCutOff(long runId, int backendId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: Label Studio gave up waiting for the ML server of backend {BackendId} after {Seconds:0.0} s (Training:LabelStudioWaitLimit); the result will be read from the model version")]
    private partial void LogLabelStudioGaveUp(long runId, int backendId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: the note that it is still training could not be posted; the result still follows")]
    private partial void LogNoticeFailed(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId}: the ML server's report could not be told; the result will be read from the model version")]
    private partial void LogReportFailed(Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: the backend {BackendId} could not be read after training; the result will be read from the model version")]
    private partial void LogReadFailed(Exception exception, long runId, int backendId);
}
