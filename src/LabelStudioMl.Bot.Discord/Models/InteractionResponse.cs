namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed record InteractionResponse
{
    /// <summary>The callback type.</summary>
    public InteractionCallbackType Type { get; init; }

    /// <summary>The message (types 4, 5, 7), or <c>{"choices":[…]}</c> for type 8 via <see cref="InteractionCallbackData.Choices"/>.</summary>
    public InteractionCallbackData? Data { get; init; }

    /// <summary>"Thinking…": acknowledge now, edit <c>@original</c> later.</summary>
    /// <param name="ephemeral">Whether only the invoker sees the answer (cannot be changed later).</param>
    /// <returns>The response.</returns>
    public static InteractionResponse Defer(bool ephemeral) => new()
    {
        Type = InteractionCallbackType.DeferredChannelMessageWithSource,
        Data = ephemeral ? new InteractionCallbackData { Flags = MessageContent.EphemeralFlag, AllowedMentions = null } : null,
    };

    /// <summary>Autocomplete suggestions (at most 25 are sent).</summary>
    /// <param name="choices">The suggestions.</param>
    /// <returns>The response.</returns>
    public static InteractionResponse Autocomplete(IEnumerable<ApplicationCommandOptionChoice> choices) => new()
    {
        Type = InteractionCallbackType.ApplicationCommandAutocompleteResult,
        Data = new InteractionCallbackData { Choices = choices.Take(25).ToList(), AllowedMentions = null },
    };
}

/// <summary>Interaction callback types (RR).</summary>
public enum InteractionCallbackType
{
    /// <summary>Ack a ping.</summary>
    Pong = 1,

    /// <summary>Reply with a message.</summary>
    ChannelMessageWithSource = 4,

    /// <summary>Ack now, edit later.</summary>
    DeferredChannelMessageWithSource = 5,

    /// <summary>Components: ack without changing the message.</summary>
    DeferredUpdateMessage = 6,

    /// <summary>Components: edit the message the component is on.</summary>
    UpdateMessage = 7,

    /// <summary>Autocomplete suggestions.</summary>
    ApplicationCommandAutocompleteResult = 8,

    /// <summary>Show a modal.</summary>
    Modal = 9,
}

/// <summary>The <c>data</c> of an interaction response.</summary>
public sealed record InteractionCallbackData
{
    /// <summary>Text (≤ 2000).</summary>
    public string? Content { get; init; }

    /// <summary>Up to 10 embeds.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Mentions that may ping; none unless set.</summary>
    public AllowedMentions? AllowedMentions { get; init; } = Models.AllowedMentions.None;

    /// <summary>Flags (64 ephemeral).</summary>
    public int? Flags { get; init; }

    /// <summary>Components.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Autocomplete choices (type 8, ≤ 25).</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }

    /// <summary>Modal custom id.</summary>
    public string? CustomId { get; init; }

    /// <summary>Modal title.</summary>
    public string? Title { get; init; }

    /// <summary>A message reply from a <see cref="MessageContent"/>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The callback data.</returns>
    public static InteractionCallbackData From(MessageContent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new()
        {
            Content = message.Content,
            Embeds = message.Embeds,
            AllowedMentions = message.AllowedMentions,
            Flags = message.Flags,
            Components = message.Components,
        };
    }
}
