using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>Answers a Discord interaction over REST: the callback (204) first, then the webhook for edits and follow-ups.</summary>
internal sealed class DiscordInteractionResponder(IDiscordRestApi rest, Interaction interaction) : IInteractionResponder
{
    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) =>
        Callback(new InteractionResponse
        {
            Type = InteractionCallbackType.ChannelMessageWithSource,
            Data = InteractionCallbackData.From(reply.ToMessage()),
        }, cancellationToken);

    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) =>
        Callback(InteractionResponse.Defer(ephemeral), cancellationToken);

    public async Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
    {
        var message = await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, reply.ToMessage() with { Flags = null }, cancellationToken);
        return message.Id.ToString();
    }

    public Task DeleteOriginalAsync(CancellationToken cancellationToken) =>
        rest.DeleteOriginalResponseAsync(interaction.ApplicationId, interaction.Token, cancellationToken);

    public async Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken)
    {
        var message = await rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, reply.ToMessage(), cancellationToken);
        return message.Id.ToString();
    }

    public Task AutocompleteAsync(IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken) =>
        Callback(InteractionResponse.Autocomplete(choices), cancellationToken);

    public Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken) =>
        Callback(new InteractionResponse
        {
            Type = InteractionCallbackType.UpdateMessage,
            Data = InteractionCallbackData.From(reply.ToMessage() with { Flags = null }),
        }, cancellationToken);

    private Task Callback(InteractionResponse response, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken);
}
