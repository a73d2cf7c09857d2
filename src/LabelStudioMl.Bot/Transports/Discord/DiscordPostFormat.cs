using System.Text.Json;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Notifications;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Posts stored as the Discord message they become (JSON of the create-message body), a reply to the start message
/// where there is one (a missing original does not fail the post); buttons are left out, since nothing would answer
/// them after a restart.
/// </summary>
internal sealed class DiscordPostFormat : IPostFormat
{
    public string Write(ChannelPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var message = DiscordReplies.ToMessage(post.Reply) with { Components = null, Flags = null };
        if (post.ReplyToMessageId is { } replyTo && Snowflake.TryParse(replyTo, out var messageId))
            message = message with { MessageReference = new MessageReference { MessageId = messageId, FailIfNotExists = false } };
        return JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessageContent);
    }

    /// <summary>The message of a stored post; throws <see cref="JsonException"/> when the row cannot be read.</summary>
    public static MessageContent Read(string stored) =>
        JsonSerializer.Deserialize(stored, DiscordJsonContext.Default.MessageContent) ?? throw new JsonException("The stored message is null.");
}
