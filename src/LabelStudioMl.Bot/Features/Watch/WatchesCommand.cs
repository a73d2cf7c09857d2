using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary><c>/ml watches</c>: what this channel watches, and the watches that were disabled, with why.</summary>
internal sealed class WatchesCommand(WatchStore store, BackendCatalog catalog, TimeProvider time) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new("watches", "List what this channel watches", AccessLevel.Operate, []);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var channel = WatchTargetOptions.ChannelOf(context.Caller);
        var subscriptions = await store.ChannelSubscriptionsAsync(channel, cancellationToken);
        var builder = new CardBuilder().WithTitle("Watched in this channel").WithSeverity(StateStyle.Training.Severity);
        if (subscriptions.Count == 0)
            return Reply.Of(builder.WithDescription("Nothing yet. `/ml watch backend:<id>` or `/ml watch project:<id>` posts alerts here.").Build());

        return Reply.Of(builder.WithDescription(string.Join('\n', subscriptions.Select(Line))).Build());
    }

    private string Line(WatchSubscription subscription)
    {
        var project = catalog.FindProject(subscription.ProjectId);
        var what = subscription.Target.Kind == WatchTargetKind.Backend
            ? $"**backend #{subscription.Target.Id}** · {SafeText.Escape(BackendText.ProjectName(subscription.ProjectId, project))}"
            : $"**{SafeText.Escape(BackendText.ProjectLabel(subscription.ProjectId, project))}**";
        if (subscription.DisabledAt is { } disabled)
            return $"⛔ {what} — disabled {DiscordTimestamp.Relative(disabled)}: {SafeText.Escape(subscription.DisabledReason)}";
        var snoozed = subscription.IsSnoozedAt(time.GetUtcNow()) ? $" · 😴 snoozed until {DiscordTimestamp.Relative(subscription.SnoozedUntil!.Value)}" : "";
        return $"👀 {what} · pings {WatchCommand.MentionText(subscription.MentionRoleId)} · since {DiscordTimestamp.Relative(subscription.CreatedAt)} "
            + $"by {SafeText.Escape(subscription.CreatedByName)}{snoozed}";
    }
}
