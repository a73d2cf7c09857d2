using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Renders the product's replies as Discord messages: cards as embeds coloured by severity, buttons in action rows of
/// five, mentions allowed only for the roles the reply names, and the whole message fitted within every documented
/// limit (<see cref="MessageFitter"/>).
/// </summary>
internal static class DiscordReplies
{
    /// <summary>The Discord message for <paramref name="reply"/>.</summary>
    public static MessageContent ToMessage(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return MessageFitter.Fit(new MessageContent
        {
            Content = reply.Content,
            Embeds = [.. reply.Cards.Select(ToEmbed)],
            Components = [.. reply.Buttons.Chunk(MessageLimits.ButtonsPerRow).Select(row => Component.ActionRow([.. row.Select(ToButton)]))],
            AllowedMentions = reply.PingRoleIds.Count == 0 ? AllowedMentions.None : new AllowedMentions { Roles = [.. reply.PingRoleIds.Select(Snowflake.Parse)] },
            Flags = reply.Ephemeral ? MessageContent.EphemeralFlag : null,
        });
    }

    /// <summary>The embed colour of a severity (0xRRGGBB).</summary>
    public static int Color(Severity severity) => severity switch
    {
        Severity.Good => 0x2ECC71,
        Severity.Info => 0x3498DB,
        Severity.Prediction => 0x9B59B6,
        Severity.Idle => 0x95A5A6,
        Severity.Warning => 0xE67E22,
        Severity.Error => 0xE74C3C,
        _ => 0x7F8C8D,
    };

    /// <summary>
    /// The message a button was pressed on (Discord sends it with the press), with every button disabled: what a
    /// press on an expired page or prompt leaves.
    /// </summary>
    public static MessageContent WithButtonsDisabled(Message shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        return new MessageContent
        {
            Content = shown.Content,
            Embeds = shown.Embeds ?? [],
            Components = [.. (shown.Components ?? []).Select(row => row with { Components = row.Components?.Select(c => c.Type == 2 ? c with { Disabled = true } : c).ToList() })],
        };
    }

    private static Embed ToEmbed(Card card)
    {
        var builder = new EmbedBuilder().WithTitle(card.Title).WithDescription(card.Description).WithUrl(card.Url);
        if (card.Severity is { } severity)
            builder.WithColor(Color(severity));
        if (card.Footer is { } footer)
            builder.WithFooter(footer);
        foreach (var field in card.Fields)
            builder.AddField(field.Name, field.Value, field.Inline);
        return builder.Build();
    }

    private static Component ToButton(Button button) =>
        Component.Button(button.CustomId, button.Label, button.Kind switch
        {
            ButtonKind.Primary => 1,
            ButtonKind.Danger => 4,
            _ => 2,
        }) with { Disabled = button.Disabled ? true : null };
}
