using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// Turns one Discord interaction, however it arrived (a gateway dispatch, a signed HTTP request), into dispatcher
/// calls: slash commands, autocomplete and button presses. Returns once the interaction is acknowledged; commands and
/// presses go on past that (<see cref="InFlightInteractions"/>).
/// </summary>
internal sealed partial class DiscordInteractionRouter(
    InteractionDispatcher dispatcher,
    BackendCatalog catalog,
    AccessPolicy access,
    InFlightInteractions inFlight,
    ILogger<DiscordInteractionRouter> logger)
{
    public async Task RouteAsync(Interaction interaction, DiscordInteractionResponder responder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(responder);
        var caller = CallerOf(interaction);
        var id = interaction.Id.ToString();
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                // A command this bot no longer declares (stale registration) still gets an answer, never silence.
                var command = SubCommandOf(interaction);
                var name = command?.Name ?? $"{interaction.Data?.Name}";
                var typed = TypedOptions.Of(command?.Options?.Select(o => KeyValuePair.Create(o.Name, o.AsString())) ?? []);
                await HandOffAsync(responder, r => dispatcher.RunCommandAsync(
                    id, caller, name, d => CommandOptions.From(d, Given(command?.Options, interaction.Data?.Resolved?.Roles)), typed, r, cancellationToken), cancellationToken);
                break;
            case InteractionType.ApplicationCommandAutocomplete when SubCommandOf(interaction) is { } sub:
                // Titles, states and projects are view-level data: nothing for callers without view access here.
                var allowed = (await access.CheckAsync(caller, AccessLevel.View, cancellationToken)).IsAllowed;
                await responder.AutocompleteAsync(allowed ? Suggest(sub) : [], cancellationToken);
                break;
            case InteractionType.MessageComponent when interaction.Data?.CustomId is { } customId:
                await HandOffAsync(responder, r => dispatcher.RunComponentAsync(id, caller, customId, r, cancellationToken), cancellationToken);
                break;
            case InteractionType.ApplicationCommandAutocomplete:
                await responder.AutocompleteAsync([], cancellationToken);
                break;
            default:
                LogNotHandled(id, (int)interaction.Type);
                await responder.RespondAsync(ErrorPresenter.NotHandled((int)interaction.Type), cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Runs a command or a press past its acknowledgement on its own, so this gateway worker is free for the next
    /// interaction; when too many already run, says so at once instead.
    /// </summary>
    private async Task HandOffAsync(DiscordInteractionResponder responder, Func<IInteractionResponder, Task> work, CancellationToken cancellationToken)
    {
        if (!await inFlight.TryRunAsync(responder, work))
        {
            LogBusy(inFlight.Limit);
            await responder.RespondAsync(ErrorPresenter.Busy(inFlight.Limit), cancellationToken);
        }
    }

    private static Caller CallerOf(Interaction interaction)
    {
        var user = interaction.Invoker;
        return new Caller(
            user?.Id.ToString() ?? "unknown",
            user?.GlobalName ?? user?.Username ?? "unknown",
            interaction.GuildId?.ToString(),
            interaction.ChannelId?.ToString(),
            [.. (interaction.Member?.Roles ?? []).Select(r => r.ToString())],
            BotPingsAnyRole: interaction.AppPermissionFlags?.PingsAnyRole(),
            MembershipKnown: interaction.GuildId is null || interaction.Member is not null);
    }

    /// <summary>
    /// The subcommand's options as Discord sent them: numbers and booleans typed, the rest as text, and a role option
    /// with the role Discord resolved for it (<c>data.resolved.roles</c>).
    /// </summary>
    private static IEnumerable<GivenOption> Given(IReadOnlyList<InteractionDataOption>? options, IReadOnlyDictionary<string, Role>? resolvedRoles) =>
        (options ?? []).Select(o => new GivenOption(o.Name, o.AsString())
        {
            WholeNumber = o.AsInt64(),
            Number = o.AsDouble(),
            YesNo = o.AsBoolean(),
            Role = o.AsString() is { } id && resolvedRoles?.GetValueOrDefault(id) is { } role ? new MentionRole(id, role.Name, role.Mentionable) : null,
        });

    private static InteractionDataOption? SubCommandOf(Interaction interaction) =>
        interaction.Data is { Name: CommandTree.RootName, Options: [{ Type: ApplicationCommandOptionType.SubCommand } sub, ..] } ? sub : null;

    private IReadOnlyList<Suggestion> Suggest(InteractionDataOption sub)
    {
        var focused = sub.Options?.FirstOrDefault(o => o.Focused == true);
        return focused?.Name switch
        {
            CommonOptions.BackendName => catalog.SuggestBackends(focused.AsString()),
            CommonOptions.ProjectName => catalog.SuggestProjects(focused.AsString()),
            _ => [],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} is of type {Type}, which this bot does not handle; told the user.")]
    private partial void LogNotHandled(string interactionId, int type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an interaction: {Limit} commands are running (Commands:MaxInFlight).")]
    private partial void LogBusy(int limit);
}
