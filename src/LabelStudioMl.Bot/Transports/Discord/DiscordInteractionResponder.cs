using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Ui;
using Refit;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Answers a Discord interaction: the initial answer over REST (the callback, 204), or, for an interaction that came as
/// an HTTP request, through <paramref name="initial"/> in that request's response; then edits and follow-ups over the
/// interaction's webhook.
/// </summary>
internal sealed class DiscordInteractionResponder(
    IDiscordRestApi rest, Interaction interaction, Func<InteractionResponse, CancellationToken, Task>? initial = null) : IInteractionResponder
{
    // application-commands.mdx, "Application Command Option Choice Structure": a name holds 1–100 characters.
    private const int MaxChoiceName = 100;

    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) =>
        Callback(new InteractionResponse
        {
            Type = InteractionCallbackType.ChannelMessageWithSource,
            Data = InteractionCallbackData.From(DiscordReplies.ToMessage(reply)),
        }, cancellationToken);

    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) =>
        Callback(InteractionResponse.Defer(ephemeral), cancellationToken);

    public async Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
    {
        var message = await AfterInitialAsync(
            () => rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, Edit(DiscordReplies.ToMessage(reply)), cancellationToken), cancellationToken);
        return message.Id.ToString();
    }

    public async Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken)
    {
        var message = await AfterInitialAsync(
            () => rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, DiscordReplies.ToMessage(reply), cancellationToken), cancellationToken);
        return message.Id.ToString();
    }

    /// <summary>Answers an autocomplete request with the suggestions (names cut to Discord's 100 characters).</summary>
    public Task AutocompleteAsync(IReadOnlyList<Suggestion> suggestions, CancellationToken cancellationToken) =>
        Callback(InteractionResponse.Autocomplete(suggestions.Select(s => ApplicationCommandOptionChoice.Of(Truncation.Fit(s.Name, MaxChoiceName)!, s.Id))), cancellationToken);

    public Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken) =>
        Callback(new InteractionResponse
        {
            Type = InteractionCallbackType.UpdateMessage,
            Data = InteractionCallbackData.From(Edit(DiscordReplies.ToMessage(reply))),
        }, cancellationToken);

    public Task DisableButtonsAsync(CancellationToken cancellationToken) =>
        Callback(new InteractionResponse
        {
            Type = InteractionCallbackType.UpdateMessage,
            Data = InteractionCallbackData.From(Edit(DiscordReplies.WithButtonsDisabled(interaction.Message ?? new Message()))),
        }, cancellationToken);

    /// <summary>
    /// An edit keeps every field it leaves out (Discord: "all parameters are optional and nullable"), so the text is
    /// always sent, empty when the reply has none; embeds and components always go as lists. Flags stay as the first
    /// answer set them.
    /// </summary>
    private static MessageContent Edit(MessageContent message) => message with { Flags = null, Content = message.Content ?? "" };

    /// <summary>
    /// A webhook call on the interaction. When the first answer went out as an HTTP response, Discord takes it in on its
    /// side while this call travels on another connection, and may not know the answer yet (10008, 10015 or 10062):
    /// then the call is tried again, three times at most, 0.1, 0.2 and 0.4 s later. Over REST the callback's 204
    /// already said Discord has it, so nothing is retried.
    /// </summary>
    private async Task<T> AfterInitialAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ApiException e) when (initial is not null && attempt < 3
                && DiscordRestErrors.CodeOf(e) is DiscordRestErrors.UnknownMessage or DiscordRestErrors.UnknownWebhook or DiscordRestErrors.UnknownInteraction)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), cancellationToken);
            }
        }
    }

    private Task Callback(InteractionResponse response, CancellationToken cancellationToken) =>
        initial is null
            ? rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken)
            : initial(response, cancellationToken);
}
