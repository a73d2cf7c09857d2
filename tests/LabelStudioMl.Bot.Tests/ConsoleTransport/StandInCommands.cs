using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary><c>/ml pages</c>: 45 numbered lines in pages of 15, browsed with Prev/Next like a long list.</summary>
internal sealed class PagesCommand(PageSessionStore store) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new("pages", "Three pages of lines", AccessLevel.View, []);

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CommandResult>(store.Start(Pagination.Paginate("Lines", [.. Enumerable.Range(1, 45).Select(i => $"line {i}")])));
}

/// <summary>The Prev/Next buttons of <see cref="PagesCommand"/>: the requested page, or the shown one disabled once expired.</summary>
internal sealed class PageButtons(PageSessionStore store) : IComponentHandler
{
    public bool Accepts(string customId) => CustomId.IsOf(customId, PageSessionStore.CustomIdKind);

    public Task HandleAsync(ComponentContext context, CancellationToken cancellationToken) =>
        !PageSessionStore.TryParseCustomId(context.CustomId, out var id, out var page) ? Task.CompletedTask
        : store.Page(id, page) is { } shown ? context.Responder.UpdateMessageAsync(shown, cancellationToken)
        : context.Responder.DisableButtonsAsync(cancellationToken);
}

/// <summary><c>/ml wipe backend</c>: an admin command that only counts its runs.</summary>
internal sealed class WipeCommand : ISlashCommand
{
    private int _runs;

    public int Runs => _runs;

    public CommandDeclaration Declaration { get; } = new("wipe", "Admin-only stand-in", AccessLevel.Admin,
        [new CommandOption("backend", "The backend", OptionKind.WholeNumber, Required: true)]);

    public Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult<CommandResult>(Reply.Of(new CardBuilder().WithTitle($"Wiped #{context.Options.Id("backend")}").Build()));
    }
}
