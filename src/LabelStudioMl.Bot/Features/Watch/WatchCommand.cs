using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// <c>/ml watch backend|project [mention] [snooze]</c>: this channel gets the alerts of a backend or of every backend of a
/// project. Checks the target exists (one Label Studio call), records its current state as the baseline, and says
/// what will be reported. Watching the same target again changes the mention instead of adding a second watch;
/// <c>snooze:</c> holds back the alerts of a watch the channel has (<see cref="SnoozeOption"/>).
/// </summary>
internal sealed class WatchCommand(LabelStudioClient labelStudio, ProjectLookup projects, WatchStore store, IOptions<WatchSettings> options, TimeProvider time) : ISlashCommand
{
    private const int MaxListedBackends = 20;

    private static readonly CommandOption Mention = new("mention", "A role to ping with each alert (nobody is pinged otherwise)", OptionKind.Role);

    public CommandDeclaration Declaration { get; } = new(
        "watch",
        "Post an ML backend's or a project's alerts in this channel",
        AccessLevel.Operate,
        [WatchTargetOptions.Backend, WatchTargetOptions.Project, Mention, SnoozeOption.Option]);

    public string? Validate(CommandOptions options)
    {
        if (WatchTargetOptions.Validate(options) is { } problem)
            return problem;
        if (options.Has(SnoozeOption.Option.Name) && options.Has(Mention.Name))
            return "Give `snooze` on its own: it holds back the alerts of a watch this channel already has, and `mention` changes whom they ping.";
        _ = SnoozeOption.Read(options);
        return null;
    }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller;
        var channel = WatchTargetOptions.ChannelOf(caller);
        var target = WatchTargetOptions.Read(context.Options);
        if (SnoozeOption.Read(context.Options) is { } snooze)
            return await SnoozeAsync(channel, target, snooze, cancellationToken);

        IReadOnlyList<MlBackend> backends = target.Kind == WatchTargetKind.Backend
            ? [await labelStudio.GetBackendAsync(target.Id, cancellationToken)]
            : await labelStudio.ListBackendsAsync(target.Id, cancellationToken);
        var projectId = target.Kind == WatchTargetKind.Backend ? backends[0].Project : target.Id;
        var mention = context.Options.RoleId(Mention.Name);
        var outcome = await store.SubscribeAsync(
            new WatchSubscription(0, caller.GuildId, channel, target, projectId, mention, caller.UserId, caller.UserName, time.GetUtcNow()), backends, cancellationToken);

        var project = await projects.FindAsync(projectId, cancellationToken);
        var what = target.Kind == WatchTargetKind.Backend
            ? BackendText.Heading(backends[0], project)
            : SafeText.Escape(BackendText.ProjectLabel(projectId, project));
        var lines = backends.Take(MaxListedBackends).Select(b => BackendText.Line(b, project, withProject: false)).ToList();
        if (backends.Count > MaxListedBackends)
            lines.Add($"… and {backends.Count - MaxListedBackends} more");
        var settings = options.Value;
        var embed = new CardBuilder()
            .WithTitle(outcome.Created ? $"👀 Watching {what}" : $"👀 Already watching {what} · mention updated")
            .WithSeverity(StateStyle.Training.Severity)
            .WithDescription(lines.Count == 0 ? "No ML backends in this project yet; new ones are watched as they appear." : string.Join('\n', lines))
            .AddField("Reported here", $"Entering Error (with its message) or Disconnected, and the recovery to Connected, once the new state held for "
                + $"{settings.ConfirmPolls} checks in a row (one about every {NumberText.Duration(settings.Interval)}); a new model version; removal.")
            .AddField("Mention", MentionText(mention) + (outcome.Created || outcome.PreviousMentionRoleId == mention ? "" : $" (was {MentionText(outcome.PreviousMentionRoleId)})"));
        var role = context.Options.ResolvedRole(Mention.Name);
        if (MentionPing.IsSilent(role, caller.BotPingsAnyRole))
            embed.AddField("⚠️ Nobody will be pinged", $"@{role.Name} does not ping anyone: {MentionPing.Reason("in this channel")}\n{MentionPing.Fix(role)}");
        return Reply.Of(embed.Build());
    }

    private async Task<CommandResult> SnoozeAsync(string channel, WatchTarget target, TimeSpan snooze, CancellationToken cancellationToken)
    {
        var until = snooze == TimeSpan.Zero ? (DateTimeOffset?)null : time.GetUtcNow() + snooze;
        if (!await store.SnoozeAsync(channel, target, until, cancellationToken))
            return new CommandResult.Refused($"This channel does not watch {target}: `/ml watch {target.StoredKind}:{target.Id}` starts it, then it can be snoozed.");
        var embed = until is { } end
            ? new CardBuilder().WithTitle($"😴 Snoozed {target} here").WithSeverity(StateStyle.Disconnected.Severity)
                .WithDescription($"Its alerts are held back for {NumberText.Duration(snooze)}: they post here again {DiscordTimestamp.Relative(end)}. The bot goes on "
                    + $"checking it, so the first alert after that is about what changed since. `/ml watch {target.StoredKind}:{target.Id} snooze:off` ends it sooner.")
            : new CardBuilder().WithTitle($"🔔 {target} is no longer snoozed here").WithSeverity(StateStyle.Training.Severity)
                .WithDescription("Its alerts are posted here again from the next check.");
        return Reply.Of(embed.Build());
    }

    /// <summary>The role as shown in an embed (where a mention never pings), or <c>nobody</c>.</summary>
    internal static string MentionText(string? roleId) => roleId is null ? "nobody" : $"<@&{roleId}>";
}
