using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// The Remove/Cancel buttons of <c>/ml remove</c>. Only the invoker's press where the command ran counts, and only
/// while the invoker still holds the command's access (a role taken away within the minute counts; anyone else, or a
/// press from another place, gets a private answer and nothing changes); an expired or already answered prompt turns into "Canceled". Confirm
/// acknowledges at once ("Removing…"), then deletes, removes the project webhook Label Studio created for the backend
/// (<see cref="MlWebhookCleanup"/>), ends a training run of the backend ("backend was removed", where its result would
/// have gone) and edits the message with the outcome; the action's one audit row is written then (<see cref="InteractionAudit"/>). While Label Studio still holds the backend's
/// <c>/train</c> call, the removal is refused: Label Studio saves the backend again when that call returns.
/// </summary>
internal sealed partial class RemoveConfirmationHandler(
    PendingConfirmations confirmations,
    AccessPolicy access,
    LabelStudioClient labelStudio,
    MlWebhookCleanup webhooks,
    TrainingRunner training,
    InteractionAudit audit,
    TimeProvider time,
    ILogger<RemoveConfirmationHandler> logger) : IComponentHandler
{
    public bool Accepts(string customId) => CustomId.IsOf(customId, RemoveConfirmation.CustomIdKind);

    public async Task HandleAsync(ComponentContext context, CancellationToken cancellationToken)
    {
        if (!RemoveConfirmation.TryParse(context.CustomId, out var token, out var confirm) || confirmations.Find(token) is not { } pending)
        {
            await context.Responder.UpdateMessageAsync(RemoveConfirmation.Canceled("this confirmation expired"), cancellationToken);
            return;
        }

        if (pending.Invoker.UserId != context.Caller.UserId || pending.Invoker.Place != context.Caller.Place)
        {
            await context.Responder.RespondAsync(RemoveConfirmation.OnlyInvoker(pending), cancellationToken);
            return;
        }

        var decision = await access.CheckAsync(context.Caller, RemoveCommand.Level, cancellationToken);
        if (!decision.IsAllowed)
        {
            await context.Responder.RespondAsync(ErrorPresenter.Denied(decision.MessageFor("/ml remove")), cancellationToken);
            return;
        }

        if (confirmations.TryTake(token) is null)
        {
            await context.Responder.UpdateMessageAsync(RemoveConfirmation.Canceled("this confirmation expired"), cancellationToken);
            return;
        }

        if (!confirm)
        {
            await context.Responder.UpdateMessageAsync(RemoveConfirmation.Canceled(), cancellationToken);
            await audit.WriteAsync(pending.Invoker, RemoveCommand.Name, pending.Ended(OutcomeKind.Canceled), null, cancellationToken);
            return;
        }

        if (training.HeldByLabelStudio(pending.BackendId) is { } run)
        {
            await context.Responder.UpdateMessageAsync(RemoveConfirmation.Canceled(TrainingReport.RemoveWhileTraining(run)), cancellationToken);
            await audit.WriteAsync(pending.Invoker, RemoveCommand.Name, pending.Ended(OutcomeKind.Refused), null, cancellationToken);
            return;
        }

        var started = time.GetTimestamp();
        await context.Responder.UpdateMessageAsync(RemoveConfirmation.Removing(pending), cancellationToken);
        try
        {
            await labelStudio.RemoveBackendAsync(pending.BackendId, cancellationToken);
        }
        catch (LabelStudioException e)
        {
            LogFailed(pending.BackendId, e.Kind, e.StatusCode, e.Message);
            await context.Responder.EditOriginalAsync(ErrorPresenter.From(e), cancellationToken);
            await audit.WriteAsync(pending.Invoker, RemoveCommand.Name, pending.Ended(OutcomeKind.Failed) with { FailureKind = e.Kind, LabelStudioStatus = e.StatusCode }, started, cancellationToken);
            return;
        }

        await training.BackendRemovedAsync(pending.BackendId, cancellationToken);
        var webhook = await webhooks.RunAsync(pending.ProjectId, pending.BackendUrl, cancellationToken);
        await context.Responder.EditOriginalAsync(RemoveConfirmation.Removed(pending, webhook), cancellationToken);
        await audit.WriteAsync(pending.Invoker, RemoveCommand.Name, pending.Ended(OutcomeKind.Ok) with { DoneAs = "removed" }, started, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing backend {BackendId} failed: {Kind} {Status} {Message}")]
    private partial void LogFailed(int backendId, LabelStudioErrorKind kind, int? status, string message);
}
