using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// The Remove/Cancel buttons of <c>/ml remove</c>. Only the invoker's press where the command ran counts, and only
/// while the invoker still holds the command's access (a role taken away within the minute counts; anyone else, or a
/// press from another place, gets a private answer and nothing changes); an expired or already answered prompt turns into "Canceled". Confirm
/// acknowledges at once ("Removing…"), then deletes, removes the project webhook Label Studio created for the backend
/// (<see cref="MlWebhookCleanup"/>), ends a training run of the backend ("backend was removed", where its result would
/// have gone) and edits the message with the outcome. Each decision carries the action's one audit row
/// (<see cref="PendingConfirmation.Audit"/>), which the dispatcher writes when the press ends. While Label Studio still
/// holds the backend's <c>/train</c> call, the removal is refused: Label Studio saves the backend again when that call returns.
/// </summary>
internal sealed class RemoveConfirmationHandler(
    PendingConfirmations confirmations,
    AccessPolicy access,
    LabelStudioClient labelStudio,
    MlWebhookCleanup webhooks,
    TrainingRunner training) : IComponentHandler
{
    public string Command => RemoveCommand.Name;

    public bool Accepts(string customId) => CustomId.IsOf(customId, RemoveConfirmation.CustomIdKind);

    public async Task<ButtonResult> HandleAsync(ComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!RemoveConfirmation.TryParse(context.CustomId, out var token, out var confirm)
            || await confirmations.FindAsync(token, cancellationToken) is not { } pending)
            return Expired();

        if (pending.Invoker.UserId != context.Caller.UserId || pending.Invoker.Place != context.Caller.Place)
            return new ButtonResult.Answered(RemoveConfirmation.OnlyInvoker(pending), OutcomeKind.Refused);

        var decision = await access.CheckAsync(context.Caller, RemoveCommand.Level, cancellationToken);
        if (!decision.IsAllowed)
            return new ButtonResult.Denied(decision.MessageFor("/ml remove"));

        if (await confirmations.TryTakeAsync(token, cancellationToken) is null)
            return Expired();

        if (!confirm)
            return new ButtonResult.Updated(RemoveConfirmation.Canceled(), OutcomeKind.Canceled) { Audit = pending.Audit };

        if (await training.HeldByLabelStudioAsync(pending.BackendId, cancellationToken) is { } run)
            return new ButtonResult.Updated(RemoveConfirmation.Canceled(TrainingReport.RemoveWhileTraining(run)), OutcomeKind.Refused) { Audit = pending.Audit };

        return new ButtonResult.Working(RemoveConfirmation.Removing(pending), ct => RemoveAsync(pending, ct)) { Audit = pending.Audit };
    }

    // The countdown took it first (and wrote the row): the prompt reads as canceled, nothing more is audited.
    private static ButtonResult.Updated Expired() => new(RemoveConfirmation.Canceled("this confirmation expired"), OutcomeKind.Expired);

    private async Task<CommandResult> RemoveAsync(PendingConfirmation pending, CancellationToken cancellationToken)
    {
        try
        {
            await labelStudio.RemoveBackendAsync(pending.BackendId, cancellationToken);
        }
        catch (LabelStudioException e)
        {
            return new CommandResult.Failed(e);
        }

        await training.BackendRemovedAsync(pending.BackendId, cancellationToken);
        var webhook = await webhooks.RunAsync(pending.ProjectId, pending.BackendUrl, cancellationToken);
        return RemoveConfirmation.Removed(pending, webhook);
    }
}
