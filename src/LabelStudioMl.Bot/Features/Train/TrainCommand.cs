using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Features.Train;

/// <summary>
/// <c>/ml train backend</c>: records the run, answers "training started" (who, the model version before) and calls
/// Label Studio's <c>/train</c> in the background, since it may block until training ends (docs/label-studio-behaviour.md, "Label Studio: ML backends"). The result follows
/// as a reply to that message. A second run for a backend already training is refused with who started it and when.
/// </summary>
internal sealed partial class TrainCommand(
    LabelStudioClient labelStudio,
    ProjectLookup projects,
    TrainingRunStore runs,
    TrainingRunner runner,
    TimeProvider time,
    ILogger<TrainCommand> logger) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "train",
        "Start training an ML backend; the result is posted here when it ends",
        AccessLevel.Operate,
        [CommonOptions.Backend]);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Options.Id(CommonOptions.Backend.Name)!.Value;
        var before = await labelStudio.GetBackendAsync(id, cancellationToken);
        var project = await projects.FindAsync(before.Project, cancellationToken);
        var caller = context.Caller;
        var (run, started) = await runs.TryStartAsync(new TrainingRun(
            0, id, before.Project, context.InteractionId, caller.GuildId, caller.ChannelId, null, caller.UserId, caller.UserName,
            time.GetUtcNow(), before.ModelVersion, TrainingStatus.Running), cancellationToken);
        if (!started)
            return new CommandResult.Refused(TrainingReport.AlreadyTraining(run));

        runner.Start(run, context.Responder);
        return Reply.Of(TrainingReport.Started(run, before, project));
    }

    public async Task RepliedAsync(CommandContext context, string? messageId, CancellationToken cancellationToken)
    {
        try
        {
            if (messageId is not null)
                await runs.AttachStartMessageAsync(context.InteractionId, messageId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a late result needs the message id: it then goes out without the reply link.
            LogAttachFailed(e, context.InteractionId);
        }
        finally
        {
            runner.StartMessageShown(context.InteractionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start message of training interaction {InteractionId} could not be stored; a late result will not link to it")]
    private partial void LogAttachFailed(Exception exception, string interactionId);
}
