using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary><c>/ml unwatch backend|project</c>: this channel stops getting the alerts of a backend or project.</summary>
internal sealed class UnwatchCommand(WatchStore store) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "unwatch",
        "Stop posting an ML backend's or a project's alerts in this channel",
        AccessLevel.Operate,
        [WatchTargetOptions.Backend, WatchTargetOptions.Project]);

    public string? Validate(CommandOptions options) => WatchTargetOptions.Validate(options);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var channel = WatchTargetOptions.ChannelOf(context.Caller);
        var target = WatchTargetOptions.Read(context.Options);
        var removed = await store.UnsubscribeAsync(channel, target, cancellationToken);
        var builder = new CardBuilder().WithSeverity(Severity.Neutral);
        if (removed.Count == 0)
        {
            return Reply.Of(builder
                .WithTitle($"Nothing to stop: this channel does not watch {target}")
                .WithDescription("`/ml watches` lists what this channel watches.")
                .Build());
        }

        return Reply.Of(builder
            .WithTitle($"🔕 Stopped watching {target} here")
            .WithDescription(removed[0].DisabledAt is null
                ? "No more alerts about it in this channel."
                : "The watch had already been disabled; it is removed now.")
            .Build());
    }
}
