namespace LabelStudioMl.Bot.Ui;

/// <summary>
/// What the bot shows, independent of the transport: text, cards and a row of buttons. The Discord transport renders
/// it as a message within Discord's limits; the console prints it as text. Nobody is pinged unless the reply names the
/// roles that may be (<see cref="PingRoleIds"/>).
/// </summary>
public sealed record Reply
{
    /// <summary>The cards, in order (Discord shows at most 10).</summary>
    public IReadOnlyList<Card> Cards { get; init; } = [];

    /// <summary>Plain text above the cards.</summary>
    public string? Content { get; init; }

    /// <summary>The buttons under the reply; an edit with none removes the buttons shown.</summary>
    public IReadOnlyList<Button> Buttons { get; init; } = [];

    /// <summary>Whether only the caller sees it (used for immediate answers and follow-ups).</summary>
    public bool Ephemeral { get; init; }

    /// <summary>
    /// The action waits for the caller's decision (a Confirm button): the audit row is written once it is taken, with
    /// its outcome, not for the prompt.
    /// </summary>
    public bool AwaitsDecision { get; init; }

    /// <summary>The roles whose mention in <see cref="Content"/> may ping their members; nobody else is pinged.</summary>
    public IReadOnlyList<string> PingRoleIds { get; init; } = [];

    /// <summary>A reply made of cards.</summary>
    public static Reply Of(params Card[] cards) => new() { Cards = cards };

    /// <summary>The same reply with every button disabled (what a press on an expired prompt or page leaves).</summary>
    public Reply WithButtonsDisabled() => this with { Buttons = [.. Buttons.Select(b => b with { Disabled = true })] };
}
