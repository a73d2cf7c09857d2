namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>
/// What the bot reads of a message it posted or edited. Discord answers with the whole message object (its embeds,
/// components and author included, as sent); only its id is read (a training report replies to it), the rest is
/// skipped unread.
/// </summary>
public sealed record PostedMessage
{
    /// <summary>The message id.</summary>
    public Snowflake Id { get; init; }
}
