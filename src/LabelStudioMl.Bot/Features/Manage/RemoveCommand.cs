using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// <c>/ml remove backend</c>: asks first. The reply carries Remove/Cancel buttons that only the invoker can press and
/// that expire after <c>Commands:ConfirmationTimeout</c> (60 s): then the bot edits the prompt to "Canceled" itself.
/// <see cref="RemoveConfirmationHandler"/> answers the presses.
/// </summary>
internal sealed partial class RemoveCommand(
    LabelStudioClient labelStudio,
    TrainingRunner training,
    PendingConfirmations pending,
    InteractionAudit audit,
    IOptions<CommandSettings> settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<RemoveCommand> logger) : ISlashCommand
{
    private readonly TimeSpan _confirmationTimeout = settings.Value.ConfirmationTimeout;

    /// <summary>The level a removal needs, at the command and again at the Confirm press.</summary>
    public const AccessLevel Level = AccessLevel.Admin;

    /// <summary>The subcommand's name, which its audit rows keep.</summary>
    public const string Name = "remove";

    public CommandDeclaration Declaration { get; } = new(
        Name,
        "Disconnect an ML backend from its project (asks to confirm)",
        Level,
        [CommonOptions.Backend]);

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var responder = context.Responder ?? throw new InvalidOperationException("/ml remove needs a transport that can edit its answer.");

        // Reading first both checks the backend exists and names it in the prompt.
        var backend = await labelStudio.GetBackendAsync(context.Options.Id(CommonOptions.Backend.Name)!.Value, cancellationToken);
        if (await training.HeldByLabelStudioAsync(backend.Id, cancellationToken) is { } run)
            return new CommandResult.Refused(TrainingReport.RemoveWhileTraining(run));
        var confirmation = await pending.AddAsync(backend, context.Caller, _confirmationTimeout, cancellationToken);
        _ = ExpireAsync(confirmation.Token, responder);
        return RemoveConfirmation.Prompt(confirmation, _confirmationTimeout);
    }

    // The countdown starts as the prompt is returned, a few milliseconds before the dispatcher shows it; with a
    // timeout of seconds the "Canceled" edit always comes after. Whoever takes the confirmation first (a press or
    // this countdown, on this replica or another sharing the store) is the only one to answer it.
    private async Task ExpireAsync(string token, IInteractionResponder responder)
    {
        try
        {
            await Task.Delay(_confirmationTimeout, time, lifetime.ApplicationStopping);
            if (await pending.TryTakeAsync(token, lifetime.ApplicationStopping) is { } expired)
            {
                await audit.WriteAsync(expired.Audit, new Outcome(OutcomeKind.Expired), null, lifetime.ApplicationStopping);
                await responder.EditOriginalAsync(RemoveConfirmation.Canceled(), lifetime.ApplicationStopping);
            }
        }
        catch (OperationCanceledException)
        {
            // The bot is stopping; the buttons answer "Canceled" if pressed later.
        }
        catch (Exception e)
        {
            LogExpiryNotShown(token, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the expired removal confirmation {Token} as canceled: {Message}")]
    private partial void LogExpiryNotShown(string token, string message);
}
