using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Notifications;

/// <summary>Why the bot posts on its own, for logs and metrics.</summary>
internal enum NotificationKind
{
    /// <summary>A watched backend changed state or model version.</summary>
    Alert,

    /// <summary>The result of a training run.</summary>
    Training,

    /// <summary>Label Studio became unreachable, or reachable again.</summary>
    LabelStudioStatus,
}

/// <summary>
/// One message for one channel. <see cref="Reply"/> carries up to 10 embeds, the text and who may be pinged;
/// <see cref="ReplyToMessageId"/> makes it a reply (a missing original does not fail the post).
/// </summary>
internal sealed record ChannelPost(string ChannelId, NotificationKind Kind, Reply Reply)
{
    /// <summary>The message this one answers, if any.</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary>
    /// The same message is going out as a follow-up of the interaction: the row waits, is removed once the follow-up
    /// went (<see cref="NotificationOutbox.RemoveAsync"/>), and is posted if it failed (<see cref="NotificationOutbox.ReleaseAsync"/>)
    /// or the process ended before it was told.
    /// </summary>
    public bool AwaitsFollowUp { get; init; }
}

/// <summary>
/// Told when Discord refuses a channel for good (no access, no permission, channel deleted), so whoever keeps
/// per-channel state stops producing messages for it instead of retrying forever.
/// </summary>
internal interface IChannelUnusableHandler
{
    /// <summary>Discord refused <paramref name="channelId"/>; <paramref name="reason"/> says why, for people.</summary>
    Task ChannelUnusableAsync(string channelId, string reason, CancellationToken cancellationToken);
}
