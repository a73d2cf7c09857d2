namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>
/// The body of a message to create or edit (channel message, interaction reply, <c>@original</c> edit, follow-up).
/// <see cref="AllowedMentions"/> defaults to none so echoed text never pings <c>@everyone</c>.
/// </summary>
public sealed record MessageContent
{
    /// <summary>Text (≤ 2000).</summary>
    public string? Content { get; init; }

    /// <summary>Up to 10 embeds, 6000 characters together.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Mentions that may ping; none unless set.</summary>
    public AllowedMentions? AllowedMentions { get; init; } = Models.AllowedMentions.None;

    /// <summary>Up to 5 action rows.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Flags (64 = EPHEMERAL for interaction replies).</summary>
    public int? Flags { get; init; }

    /// <summary>The message this one replies to (channel messages only).</summary>
    public MessageReference? MessageReference { get; init; }

    /// <summary>A nonce (with <see cref="EnforceNonce"/>) makes retries idempotent.</summary>
    public string? Nonce { get; init; }

    /// <summary>Whether Discord refuses a second message with the same nonce.</summary>
    public bool? EnforceNonce { get; init; }

    /// <summary>Flag value of an ephemeral (only the invoker sees it) interaction reply.</summary>
    public const int EphemeralFlag = 1 << 6;
}

/// <summary>A reply reference.</summary>
public sealed record MessageReference
{
    /// <summary>The replied-to message.</summary>
    public Snowflake MessageId { get; init; }

    /// <summary>Its channel.</summary>
    public Snowflake? ChannelId { get; init; }

    /// <summary>Whether a missing message fails the request (default true on Discord's side).</summary>
    public bool? FailIfNotExists { get; init; }
}
