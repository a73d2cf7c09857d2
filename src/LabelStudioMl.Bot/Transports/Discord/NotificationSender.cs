using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Refit;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Delivers the <see cref="NotificationOutbox"/> through the rate-limited Discord REST client: one queue per
/// channel (messages to a channel keep their order; a slow channel does not hold up the others), the outbox id as
/// an enforced nonce (a retry after a lost answer never posts twice), back-off up to 5 minutes on failures that may
/// pass (tried until Discord takes the message: nothing owed is dropped by an outage), and a channel Discord refuses
/// for good is reported to every <see cref="IChannelUnusableHandler"/> instead of retried.
/// </summary>
internal sealed partial class NotificationSender(
    NotificationOutbox outbox,
    IDiscordRestApi rest,
    IEnumerable<IChannelUnusableHandler> unusableHandlers,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<NotificationSender> logger) : BackgroundService
{
    private const string BotMeter = "LabelStudioMl.Bot";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Task> _busy = new(StringComparer.Ordinal);
    private readonly Counter<long> _sent = meters.Create(BotMeter).CreateCounter<long>("bot.notifications.sent", description: "Notifications Discord accepted");
    private readonly Counter<long> _failed = meters.Create(BotMeter).CreateCounter<long>(
        "bot.notifications.failed", description: "Notifications given up: channel unusable or message refused");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs before any interaction of this process: every held row is a previous process's.
        try
        {
            var released = await outbox.ReleaseLeftoversAsync(stoppingToken);
            if (released > 0)
                LogReleased(released);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLoopFailed(e);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartChannelQueuesAsync(stoppingToken);
                await outbox.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The store may be busy or broken for a moment; the messages stay owed and are tried again.
                LogLoopFailed(e);
                await Task.Delay(Poll, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(_busy.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task StartChannelQueuesAsync(CancellationToken cancellationToken)
    {
        // Only this loop starts queues, so a channel idle now has no queue reading rows older than this read.
        var idle = new HashSet<string>(StringComparer.Ordinal);
        var due = await outbox.DueAsync(limit: 500, DiscordPostFormat.Read, (id, e) => LogUnreadable(e, id), cancellationToken);
        foreach (var channel in due.Select(p => p.ChannelId).Distinct(StringComparer.Ordinal))
        {
            if (!_busy.ContainsKey(channel))
                idle.Add(channel);
        }

        foreach (var channel in idle)
        {
            var posts = due.Where(p => p.ChannelId == channel).ToList();
            _busy[channel] = Task.Run(() => DeliverChannelAsync(channel, posts, cancellationToken), CancellationToken.None);
        }

        // The rows of a channel whose queue still runs are read again once it is done.
        await outbox.UnclaimAsync([.. due.Where(p => !idle.Contains(p.ChannelId)).Select(p => p.Id)], cancellationToken);
    }

    private async Task DeliverChannelAsync(string channel, IReadOnlyList<PendingPost<MessageContent>> posts, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var post in posts)
            {
                if (!await DeliverAsync(post, cancellationToken))
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLoopFailed(e);
        }
        finally
        {
            _busy.TryRemove(channel, out _);
            outbox.Wake();
        }
    }

    /// <summary>Delivers one message; false when the channel's later messages must not go now (order is kept, or they were dropped).</summary>
    private async Task<bool> DeliverAsync(PendingPost<MessageContent> post, CancellationToken cancellationToken)
    {
        if (!Snowflake.TryParse(post.ChannelId, out var channelId))
        {
            await GiveUpAsync(post, "the channel id is not a Discord id", cancellationToken);
            return true;
        }

        try
        {
            var nonce = "n" + post.Id.ToString(CultureInfo.InvariantCulture);
            await rest.CreateMessageAsync(channelId, post.Message with { Nonce = nonce, EnforceNonce = true }, cancellationToken);
            await outbox.RemoveAsync(post.Id, cancellationToken);
            _sent.Add(1, Tag(post));
            LogSent(post.Kind, post.ChannelId, post.Id);
            return true;
        }
        catch (ApiException e) when (DiscordRestErrors.IsChannelUnusable(e))
        {
            // Every later message of this channel was dropped with it.
            await ChannelUnusableAsync(post, Describe(e), cancellationToken);
            return false;
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge)
        {
            await GiveUpAsync(post, Describe(e), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ApiException or ApiRequestException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is ApiException api ? Describe(api) : (e.InnerException ?? e).Message;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, post.Attempts), MaxBackoff.TotalSeconds));
            await outbox.PostponeAsync(post.Id, time.GetUtcNow() + delay, reason, cancellationToken);
            LogPostponed(post.Kind, post.ChannelId, reason, delay.TotalSeconds);
            return false;
        }
    }

    private async Task ChannelUnusableAsync(PendingPost<MessageContent> post, string reason, CancellationToken cancellationToken)
    {
        var dropped = await outbox.RemoveChannelAsync(post.ChannelId, cancellationToken);
        _failed.Add(dropped, Tag(post));
        LogChannelUnusable(post.ChannelId, reason, dropped);
        foreach (var handler in unusableHandlers)
            await handler.ChannelUnusableAsync(post.ChannelId, reason, cancellationToken);
    }

    private async Task GiveUpAsync(PendingPost<MessageContent> post, string reason, CancellationToken cancellationToken)
    {
        await outbox.RemoveAsync(post.Id, cancellationToken);
        _failed.Add(1, Tag(post));
        LogGaveUp(post.Kind, post.ChannelId, reason);
    }

    private static KeyValuePair<string, object?> Tag(PendingPost<MessageContent> post) => new("kind", post.Kind.ToString().ToLowerInvariant());

    private static string Describe(ApiException e) =>
        $"Discord answered {(int)e.StatusCode}{(DiscordRestErrors.CodeOf(e) is { } code ? $" (code {code})" : "")}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} message(s) left by the sender before this one are posted now: follow-ups cut off by a stop, or rows a leader that ended had claimed")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} notification {Id} posted in channel {ChannelId}")]
    private partial void LogSent(NotificationKind kind, string channelId, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} notification for channel {ChannelId} failed ({Reason}); trying again in {DelaySeconds:0} s")]
    private partial void LogPostponed(NotificationKind kind, string channelId, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} notification for channel {ChannelId} given up: {Reason}")]
    private partial void LogGaveUp(NotificationKind kind, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The bot can no longer post in channel {ChannelId} ({Reason}): {Dropped} pending message(s) dropped and its subscriptions disabled. Give the bot View Channel, Send Messages and Embed Links there, then /ml watch again.")]
    private partial void LogChannelUnusable(string channelId, string reason, int dropped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} in the store could not be read and was dropped")]
    private partial void LogUnreadable(Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering notifications failed; they stay queued and are tried again")]
    private partial void LogLoopFailed(Exception exception);
}
