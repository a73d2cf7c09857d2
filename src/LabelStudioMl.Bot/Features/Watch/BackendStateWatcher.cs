using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Notifications;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// Polls every watched project once per interval (<c>GET /api/ml/?project=</c>, never one call per backend, a few
/// projects at a time) and announces confirmed changes in the subscribed channels. State changes and the messages
/// they cause are committed in one transaction, so nothing is announced twice or lost across restarts. When Label
/// Studio does not answer, states are left alone, each channel is told once, and polling backs off.
/// </summary>
internal sealed partial class BackendStateWatcher(
    WatchStore store,
    BotDatabase database,
    LabelStudioClient labelStudio,
    NotificationOutbox outbox,
    WatchMessages messages,
    IOptions<WatchSettings> options,
    TimeProvider time,
    ILogger<BackendStateWatcher> logger) : BackgroundService
{
    private readonly WatchSettings _settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failedPolls = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            failedPolls = await RunCycleSafelyAsync(stoppingToken) ? 0 : failedPolls + 1;
            try
            {
                await Task.Delay(WatchSchedule.Delay(_settings, failedPolls, Random.Shared.NextDouble()), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll of every watched project; false when Label Studio could not be read.</summary>
    internal async Task<bool> RunCycleAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await store.ActiveSubscriptionsAsync(cancellationToken);
        if (subscriptions.Count == 0)
            return true;

        var projects = subscriptions.Select(s => s.ProjectId).Distinct().Order().ToList();
        var polls = await PollAsync(projects, cancellationToken);
        var down = polls.FirstOrDefault(p => p?.Reach is not null and not LabelStudioReach.Reachable);

        await using var tx = await database.BeginAsync(cancellationToken);
        var posts = new List<ChannelPost>();
        // Snoozed subscriptions are polled (their states stay current) but post nothing until the snooze ends.
        var awake = subscriptions.Where(s => !s.IsSnoozedAt(time.GetUtcNow())).ToList();
        var reach = down?.Reach ?? LabelStudioReach.Reachable;
        if (await WatchStore.ReachAsync(tx, cancellationToken) != reach)
        {
            var reply = down is null ? WatchMessages.ReachableAgain()
                : reach == LabelStudioReach.AccessRefused ? WatchMessages.AccessRefused(down.Error!)
                : WatchMessages.Unreachable(down.Error!, _settings.MaxBackoff);
            posts.AddRange(awake.Select(s => s.ChannelId).Distinct().Select(c => new ChannelPost(c, NotificationKind.LabelStudioStatus, reply)));
            await store.SetReachAsync(tx, reach, cancellationToken);
        }

        if (down is null)
            posts.AddRange(await ApplyAsync(tx, subscriptions, awake, polls.OfType<ProjectPoll>().ToList(), cancellationToken));
        else
            LogPollSkipped(down.Error!.Kind, down.Error.Message);

        if (posts.Count > 0)
            await outbox.EnqueueAsync(tx, posts, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (posts.Count > 0)
            outbox.Wake();
        return down is null;
    }

    private async Task<bool> RunCycleSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunCycleAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A background poll must never stop the bot (an unhandled BackgroundService failure stops the host).
            LogPollFailed(e);
            return false;
        }
    }

    /// <summary>Lists the projects, a few at a time; stops early once Label Studio proves unusable.</summary>
    private async Task<ProjectPoll?[]> PollAsync(List<int> projects, CancellationToken cancellationToken)
    {
        var polls = new ProjectPoll?[projects.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, projects.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _settings.Concurrency, CancellationToken = stop.Token },
                async (i, token) =>
                {
                    polls[i] = await PollProjectAsync(projects[i], token);
                    if (polls[i]!.Reach is not null and not LabelStudioReach.Reachable)
                        await stop.CancelAsync();
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped early: the failure that stopped it is in polls.
        }

        return polls;
    }

    private async Task<ProjectPoll> PollProjectAsync(int projectId, CancellationToken cancellationToken)
    {
        try
        {
            return new ProjectPoll(projectId, await labelStudio.ListBackendsAsync(projectId, cancellationToken), null, LabelStudioReach.Reachable);
        }
        catch (LabelStudioException e)
        {
            var reach = ReachOf(e);
            if (reach is null)
                LogProjectPollFailed(projectId, e.Kind, e.Message);
            return new ProjectPoll(projectId, null, e, reach);
        }
    }

    /// <summary>Runs every listed backend through the tracker; handles removed backends and projects that are gone.</summary>
    private async Task<IReadOnlyList<ChannelPost>> ApplyAsync(
        StoreTransaction tx,
        IReadOnlyList<WatchSubscription> subscriptions,
        IReadOnlyList<WatchSubscription> awake,
        IReadOnlyList<ProjectPoll> polls,
        CancellationToken cancellationToken)
    {
        var listed = polls.Where(p => p.Backends is not null).ToList();
        var gone = polls.Where(p => p.Error?.Kind == LabelStudioErrorKind.NotFound).Select(p => p.ProjectId).ToList();
        var known = await store.StatesAsync(tx, listed.Select(p => p.ProjectId), cancellationToken);
        var notices = new List<WatchNotice>();
        var changed = new List<BackendWatchState>();
        var removed = new List<BackendWatchState>();
        foreach (var poll in listed)
        {
            foreach (var backend in poll.Backends!)
            {
                var before = known.GetValueOrDefault(backend.Id);
                var observed = TransitionTracker.Observe(before, backend, _settings.ConfirmPolls);
                if (observed.Next != before)
                    changed.Add(observed.Next);
                notices.AddRange(observed.Changes.Select(c => new WatchNotice(backend.Project, backend.Id, messages.Change(c))));
            }

            var present = poll.Backends!.Select(b => b.Id).ToHashSet();
            removed.AddRange(known.Values.Where(k => k.ProjectId == poll.ProjectId && !present.Contains(k.BackendId)));
        }

        notices.AddRange(removed.Select(r => new WatchNotice(r.ProjectId, r.BackendId, messages.Change(new BackendChange(
            BackendChangeKind.Removed, new MlBackend { Id = r.BackendId, Project = r.ProjectId, Title = r.Title, State = new MlBackendState(r.State) }, null)))));
        notices.AddRange(gone.Select(p => new WatchNotice(p, null, messages.ProjectGone(p))));

        await store.SaveStatesAsync(tx, changed, cancellationToken);
        var removedIds = removed.Select(r => r.BackendId).ToHashSet();
        await store.DisableAsync(tx,
            subscriptions.Where(s => s.Target.Kind == WatchTargetKind.Backend && removedIds.Contains(s.Target.Id)).Select(s => s.Id),
            "the backend was removed from Label Studio", cancellationToken);
        await store.DisableAsync(tx,
            subscriptions.Where(s => gone.Contains(s.ProjectId)).Select(s => s.Id),
            "Label Studio no longer knows the project (404)", cancellationToken);
        await store.ForgetStatesAsync(tx, removedIds, cancellationToken);
        foreach (var notice in notices)
            LogNotice(notice.Card.Title, notice.ProjectId, notice.BackendId);
        return WatchPosts.For(notices, awake);
    }

    /// <summary>
    /// Whether a failure means Label Studio as a whole cannot be used (no answer, 5xx, key or permission refused)
    /// rather than this one project; null for a failure of the project alone. A 403 counts as refused access: the
    /// bot's user lost its role (Enterprise), which no single project explains.
    /// </summary>
    private static LabelStudioReach? ReachOf(LabelStudioException e) => e.Kind switch
    {
        LabelStudioErrorKind.Unauthorized or LabelStudioErrorKind.LegacyTokensDisabled or LabelStudioErrorKind.PersonalAccessTokenRejected
            or LabelStudioErrorKind.Forbidden => LabelStudioReach.AccessRefused,
        LabelStudioErrorKind.Timeout or LabelStudioErrorKind.ConnectionFailed or LabelStudioErrorKind.HostNotFound or LabelStudioErrorKind.TlsFailure
            or LabelStudioErrorKind.NotLabelStudio or LabelStudioErrorKind.ServerError => LabelStudioReach.Unreachable,
        _ when e.StatusCode >= 500 => LabelStudioReach.Unreachable,
        _ => null,
    };

    /// <summary>One project's answer: its backends, or the failure and what it says about Label Studio.</summary>
    private sealed record ProjectPoll(int ProjectId, IReadOnlyList<MlBackend>? Backends, LabelStudioException? Error, LabelStudioReach? Reach);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch poll skipped, Label Studio not usable: {Kind} {Message}")]
    private partial void LogPollSkipped(LabelStudioErrorKind kind, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch poll failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch poll of project {Project} failed: {Kind} {Message}")]
    private partial void LogProjectPollFailed(int project, LabelStudioErrorKind kind, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch: {Title} (project {Project}, backend {Backend})")]
    private partial void LogNotice(string? title, int project, int? backend);
}
