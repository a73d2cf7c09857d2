using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Features.Predict;

/// <summary>
/// <c>/ml predict backend task [context]</c>: one interactive prediction (docs/label-studio-behaviour.md, "Label Studio: ML backends"), summarised. Label Studio answers 200
/// even when the ML server fails; the client turns the <c>errors</c> inside into a PredictionFailed error with a hint.
/// </summary>
internal sealed class PredictCommand(LabelStudioClient labelStudio) : ISlashCommand
{
    public CommandDeclaration Declaration { get; } = new(
        "predict",
        "Ask an ML backend for a prediction on one task",
        AccessLevel.Operate,
        [
            CommonOptions.Backend,
            new("task", "The task id (it must belong to the backend's project)", OptionKind.WholeNumber, Required: true, IsId: true),
            new("context", "Optional JSON sent to the ML server, e.g. {\"threshold\": 0.5}", OptionKind.Text),
        ]);

    public string? Validate(CommandOptions options)
    {
        options.Json("context");
        return null;
    }

    public async Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var backend = options.Id(CommonOptions.Backend.Name)!.Value;
        var task = options.Id("task")!.Value;
        var prediction = await labelStudio.PredictAsync(backend, task, options.Json("context"), cancellationToken);
        return Reply.Of(PredictionSummary.For(backend, task, prediction));
    }
}
