using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.List;

/// <summary>
/// The Prev/Next buttons of paged replies (<c>ml:page:{id}:{page}</c>): shows the asked page in place, or, once the
/// session expired, the page already shown with its buttons disabled. A press is a request for data like the command
/// itself: the presser needs view access where they are, and pages go only to presses where the list was shown.
/// </summary>
internal sealed class PageButtonHandler(PageSessionStore store, AccessPolicy access) : IComponentHandler
{
    public string Command => ListCommand.Name;

    public bool Accepts(string customId) => CustomId.IsOf(customId, PageSessionStore.CustomIdKind);

    public async Task<ButtonResult> HandleAsync(ComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!PageSessionStore.TryParseCustomId(context.CustomId, out var id, out var n))
            return new ButtonResult.Stale();

        var decision = await access.CheckAsync(context.Caller, AccessLevel.View, cancellationToken);
        if (!decision.IsAllowed)
            return new ButtonResult.Denied(decision.MessageFor("/ml list"));

        if (await store.FindAsync(id, cancellationToken) is not { } session)
            return new ButtonResult.Stale();
        if (!session.IsShownAt(context.Caller.Place))
            return new ButtonResult.Answered(ErrorPresenter.InvalidInput("These buttons page through a list shown elsewhere. Run `/ml list` here."), OutcomeKind.InvalidInput);

        return new ButtonResult.Updated(PageSessionStore.Page(session, n));
    }
}
