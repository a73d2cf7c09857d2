using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// What a command answers, independent of the transport: embeds, optional text and buttons. The Discord transport
/// fits it within Discord's limits; the console renders it as text. Mentions are off unless a reply names them.
/// </summary>
public sealed record Reply
{
    /// <summary>The embeds (at most 10 are sent; longer texts are cut with an ellipsis).</summary>
    public IReadOnlyList<Embed> Embeds { get; init; } = [];

    /// <summary>Plain text above the embeds.</summary>
    public string? Content { get; init; }

    /// <summary>Action rows with buttons.</summary>
    public IReadOnlyList<Component> Components { get; init; } = [];

    /// <summary>Whether only the caller sees it (used for immediate answers and follow-ups).</summary>
    public bool Ephemeral { get; init; }

    /// <summary>
    /// The action waits for the caller's decision (a Confirm button): the audit row is written once it is taken, with
    /// its outcome, not for the prompt.
    /// </summary>
    public bool AwaitsDecision { get; init; }

    /// <summary>Who may be pinged; nobody unless set.</summary>
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    /// <summary>A reply made of embeds.</summary>
    public static Reply Of(params Embed[] embeds) => new() { Embeds = embeds };

    /// <summary>The Discord message for this reply, within every documented limit.</summary>
    public MessageContent ToMessage() => MessageFitter.Fit(new MessageContent
    {
        Content = Content,
        Embeds = Embeds,
        Components = Components,
        AllowedMentions = AllowedMentions,
        Flags = Ephemeral ? MessageContent.EphemeralFlag : null,
    });
}
