using System.Collections.Concurrent;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Notifications;

// TEMPORARY stand-in for the lead's outbox (same signatures), deleted when main is merged.

/// <summary>What a channel post is about.</summary>
internal enum NotificationKind
{
    /// <summary>A backend alert.</summary>
    Alert,

    /// <summary>A training result.</summary>
    Training,

    /// <summary>Label Studio reachable or not.</summary>
    LabelStudioStatus,
}

/// <summary>One message for one channel.</summary>
internal sealed record ChannelPost(string ChannelId, NotificationKind Kind, Reply Reply)
{
    /// <summary>A message to reply to.</summary>
    public string? ReplyToMessageId { get; init; }
}

/// <summary>Called when Discord refuses a channel for good.</summary>
internal interface IChannelUnusableHandler
{
    /// <summary>Disables what posts to the channel.</summary>
    Task ChannelUnusableAsync(string channelId, string reason, CancellationToken cancellationToken);
}

/// <summary>Stub: posts directly on wake, in memory.</summary>
internal sealed class NotificationOutbox(IDiscordRestApi discord, IEnumerable<IChannelUnusableHandler> handlers)
{
    private readonly ConcurrentQueue<ChannelPost> _posts = new();

    public Task EnqueueAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<ChannelPost> posts, CancellationToken cancellationToken)
    {
        foreach (var post in posts)
            _posts.Enqueue(post);
        return Task.CompletedTask;
    }

    public Task EnqueueAsync(ChannelPost post, CancellationToken cancellationToken)
    {
        _posts.Enqueue(post);
        Wake();
        return Task.CompletedTask;
    }

    public void Wake() => _ = Task.Run(async () =>
    {
        while (_posts.TryDequeue(out var post))
        {
            try
            {
                await discord.CreateMessageAsync(Snowflake.Parse(post.ChannelId), post.Reply.ToMessage());
            }
            catch (Refit.ApiException e) when ((int)e.StatusCode == 403)
            {
                foreach (var handler in handlers)
                    await handler.ChannelUnusableAsync(post.ChannelId, "403 Missing Access", CancellationToken.None);
            }
        }
    });
}

/// <summary>Stub registration.</summary>
internal static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services.AddSingleton<NotificationOutbox>();
}
