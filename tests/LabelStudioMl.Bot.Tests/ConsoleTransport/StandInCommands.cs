using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>
/// <c>/ml pages</c>: 45 numbered lines in pages of 15, browsed with Prev/Next like a long list (the product's page buttons
/// answer the presses).
/// </summary>
internal sealed class PagesCommand(PageSessionStore store) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new("pages", "Three pages of lines", AccessLevel.View, []);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        await store.StartAsync(Pagination.Paginate("Lines", [.. Enumerable.Range(1, 45).Select(i => $"line {i}")]), null, cancellationToken);
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
