using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Ui;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Features.Help;

/// <summary><c>/ml help</c>: the commands the caller may run, with their options.</summary>
internal sealed class HelpCommand(IServiceProvider services, AccessPolicy access) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new("help", "What you can do with this bot", AccessLevel.View, [], ReplyVisibility.Ephemeral);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The tree holds this command too, so it is resolved when needed rather than injected.
        var tree = services.GetRequiredService<CommandTree>();
        var level = await access.LevelOfAsync(context.Caller, cancellationToken);
        var lines = tree.Commands
            .Where(c => c.Declaration.Level <= level)
            .Select(c => $"`{c.Declaration.Usage}` — {c.Declaration.Description}");
        var hidden = tree.Commands.Count(c => c.Declaration.Level > level);
        var builder = new CardBuilder()
            .WithTitle("LabelStudioMl.Bot")
            .WithDescription(string.Join('\n', lines))
            .WithSeverity(Severity.Info)
            .WithFooter($"Your access: {AccessLevelNames.Display(level)}" + (hidden > 0 ? $" · {hidden} more command{(hidden == 1 ? "" : "s")} need a higher level" : ""));
        return Reply.Of(builder.Build());
    }
}
