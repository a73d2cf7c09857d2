using System.Text.Json;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>Hands INTERACTION_CREATE dispatches to the <see cref="DiscordInteractionRouter"/>; answers unreadable ones.</summary>
internal sealed partial class GatewayInteractionHandler(
    DiscordInteractionRouter router,
    InteractionClaims claims,
    IDiscordRestApi rest,
    ILogger<GatewayInteractionHandler> logger) : IGatewayDispatchHandler
{
    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        if (!dispatch.IsInteraction)
            return;
        Interaction? interaction;
        try
        {
            interaction = dispatch.AsInteraction();
        }
        catch (JsonException ex)
        {
            await AnswerUnreadableAsync(dispatch.Data, ex, cancellationToken);
            return;
        }

        if (interaction is null)
            return;
        // Every bot process sharing the store holds a session and gets every interaction: the first claim runs it.
        if (!await claims.TryClaimAsync(interaction.Id.ToString(), cancellationToken))
        {
            LogClaimedElsewhere(interaction.Id.ToString());
            return;
        }

        await router.RouteAsync(interaction, new DiscordInteractionResponder(rest, interaction), cancellationToken);
    }

    /// <summary>
    /// An interaction whose fields cannot be read still gets a private answer when its id and token can, so the user
    /// sees why nothing happened instead of "The application did not respond".
    /// </summary>
    private async Task AnswerUnreadableAsync(JsonElement data, JsonException problem, CancellationToken cancellationToken)
    {
        var id = Field(data, "id");
        var token = Field(data, "token");
        LogUnreadable(id ?? "(no id)", problem.Message);
        if (!Snowflake.TryParse(id, out var interactionId) || string.IsNullOrEmpty(token))
            return;
        var readable = new Interaction { Id = interactionId, Token = token };
        await new DiscordInteractionResponder(rest, readable).RespondAsync(ErrorPresenter.Unreadable(problem.Path), cancellationToken);
    }

    private static string? Field(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {InteractionId} was claimed before: another delivery runs it")]
    private partial void LogClaimedElsewhere(string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read interaction {InteractionId}: {Problem}")]
    private partial void LogUnreadable(string interactionId, string problem);
}
