using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary>
/// The Prev/Next buttons of paged replies (<c>ml:page:{id}:{page}</c>): shows the asked page in place, or, once the
/// session expired, the page already shown with its buttons disabled.
/// </summary>
internal sealed class PageButtonHandler(PageSessionStore store) : IComponentHandler
{
    public bool Accepts(string customId) => customId.StartsWith(PageSessionStore.CustomIdPrefix, StringComparison.Ordinal);

    public Task HandleAsync(ComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = PageSessionStore.TryParseCustomId(context.CustomId, out var id, out var n) ? store.Page(id, n) : null;
        return context.Responder.UpdateMessageAsync(page ?? PageSessionStore.Disabled(context.ShownMessage), cancellationToken);
    }
}
