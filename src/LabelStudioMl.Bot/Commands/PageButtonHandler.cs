using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary>
/// The Prev/Next buttons of paged replies (<c>ml:page:{id}:{page}</c>): shows the asked page in place, or, once the
/// session expired, the page already shown with its buttons disabled. A press is a request for data like the command
/// itself: the presser needs view access where they are, and pages go only to presses where the list was shown.
/// </summary>
internal sealed class PageButtonHandler(PageSessionStore store, AccessPolicy access) : IComponentHandler
{
    public bool Accepts(string customId) => customId.StartsWith(PageSessionStore.CustomIdPrefix, StringComparison.Ordinal);

    public async Task HandleAsync(ComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!PageSessionStore.TryParseCustomId(context.CustomId, out var id, out var n))
        {
            await context.Responder.UpdateMessageAsync(PageSessionStore.Disabled(context.ShownMessage), cancellationToken);
            return;
        }

        var decision = await access.CheckAsync(context.Caller, AccessLevel.View, cancellationToken);
        if (!decision.IsAllowed)
        {
            await context.Responder.RespondAsync(ErrorPresenter.Denied(decision.MessageFor("/ml list")), cancellationToken);
            return;
        }

        if (!store.IsShownAt(id, context.Caller.Place))
        {
            await context.Responder.RespondAsync(ErrorPresenter.InvalidInput("These buttons page through a list shown elsewhere. Run `/ml list` here."), cancellationToken);
            return;
        }

        await context.Responder.UpdateMessageAsync(store.Page(id, n) ?? PageSessionStore.Disabled(context.ShownMessage), cancellationToken);
    }
}
