using System.Globalization;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// The <c>console</c> verb's loop: reads lines until end of input and runs each through the same dispatcher and access
/// rules as Discord, as the configured console identity (<c>Access:Console</c>). A line runs to its end (reply
/// printed) before the next is read, so nothing is in flight when input ends and a number always presses a button
/// the reader has seen. Training results arrive later, so at end of input the console waits for them. Its watches post
/// in its stand-in channel (<see cref="ConsoleChannel"/>), printed between lines, while it runs; <c>wait 30s</c> waits for them.
/// </summary>
internal sealed partial class ConsoleSession(
    InteractionDispatcher dispatcher,
    IOptions<AccessSettings> access,
    ConsoleOutput output,
    TrainingRunner training,
    TrainingRunStore runs,
    InterruptedRunResumer resumer,
    IOptions<TrainingSettings> trainingOptions,
    ConsoleChannel channel,
    TimeProvider time,
    ILogger<ConsoleSession> logger)
{
    private readonly string _session = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    private int _interactions;

    /// <summary>Runs every line; returns how many lines failed (errors, refusals, unreadable lines).</summary>
    public async Task<int> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = access.Value.Console.ToCaller();
        await channel.OpenAsync(output, cancellationToken);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            try
            {
                await RunLineAsync(caller, ConsoleLineParser.Parse(line), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogLineFailed(e, line);
                output.PrintProblem($"That line failed unexpectedly ({e.GetType().Name}); the log on standard error has the details.");
            }
        }

        await training.WhenIdleAsync(
            count => output.PrintNote($"Waiting for {count} training run(s) to finish (at most LabelStudio:TrainTimeout)…"), cancellationToken);
        await FollowCutOffRunsAsync(cancellationToken);
        if (await channel.WatchCountAsync(cancellationToken) is > 0 and var watched)
            output.PrintNote($"The console's {watched} watch(es) end with it: they post only while it runs (`wait 5m` keeps it open for alerts).");
        await channel.CloseAsync();
        return output.Failures;
    }

    /// <summary>
    /// The runs of this session whose <c>/train</c> call ended before training did: their results are read from the
    /// model version, as the running bot does, and printed when they come (at most <c>Training:ResultDeadline</c>).
    /// </summary>
    private async Task FollowCutOffRunsAsync(CancellationToken cancellationToken)
    {
        var mine = $"console-{_session}-";
        var owed = (await runs.InterruptedAsync(cancellationToken)).Where(r => r.InteractionId.StartsWith(mine, StringComparison.Ordinal)).ToList();
        if (owed.Count == 0)
            return;
        var settings = trainingOptions.Value;
        output.PrintNote($"Waiting for the result of {owed.Count} training run(s) Label Studio stopped waiting for: the bot reads the model version every "
            + $"{NumberText.Duration(settings.PollInterval)}, at most {NumberText.Duration(settings.ResultDeadline)} after the start (Ctrl+C stops waiting)…");
        var responder = new ConsoleResponder(output);
        while (true)
        {
            foreach (var run in owed.ToList())
            {
                if (await resumer.FollowAsync(run, responder, cancellationToken))
                    owed.Remove(run);
                else if (time.GetUtcNow() - run.StartedAt >= settings.ResultDeadline + settings.PollInterval)
                {
                    // Past the deadline and still no result: Label Studio could not be read (the log says why). The
                    // console does not wait forever; the run stays owed in the store.
                    owed.Remove(run);
                    output.PrintProblem($"No result of training run {run.Id} (backend #{run.BackendId}): Label Studio could not be read until "
                        + "Training:ResultDeadline passed. `/ml get` shows the backend's model version once Label Studio answers.");
                }
            }

            if (owed.Count == 0)
                return;
            await Task.Delay(settings.PollInterval, time, cancellationToken);
        }
    }

    private Task RunLineAsync(Caller caller, ConsoleLine line, CancellationToken cancellationToken)
    {
        switch (line)
        {
            case ConsoleLine.Command command:
                return dispatcher.RunCommandAsync(
                    NextInteractionId(), caller, command.Name, d => CommandOptions.FromText(d, command.Options),
                    TypedOptions.Of(command.Options.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value))), new ConsoleResponder(output), cancellationToken);
            case ConsoleLine.Press press:
                return PressAsync(caller, press.Number, cancellationToken);
            case ConsoleLine.Wait wait:
                output.PrintNote($"Waiting {NumberText.Duration(wait.Length)}; alerts of what the console watches and training results print as they come…");
                return Task.Delay(wait.Length, time, cancellationToken);
            case ConsoleLine.Unreadable unreadable:
                output.PrintProblem(unreadable.Message);
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }

    private Task PressAsync(Caller caller, int number, CancellationToken cancellationToken)
    {
        var shown = output.LastWithButtons;
        if (shown is null)
        {
            output.PrintProblem($"There is no button {number} to press: no reply with buttons was shown yet. {ConsoleLineParser.Usage}");
            return Task.CompletedTask;
        }

        var buttons = shown.Buttons;
        if (number < 1 || number > buttons.Count)
        {
            output.PrintProblem($"There is no button {number}; the last reply has {ConsoleButtons.Line(buttons)}");
            return Task.CompletedTask;
        }

        var button = buttons[number - 1];
        if (button.Disabled)
        {
            output.PrintProblem($"Button {number} ({button.Label}) is disabled.");
            return Task.CompletedTask;
        }

        return dispatcher.RunComponentAsync(NextInteractionId(), caller, button.CustomId, new ConsoleResponder(output, shown), cancellationToken);
    }

    private string NextInteractionId() => $"console-{_session}-{Interlocked.Increment(ref _interactions)}";

    [LoggerMessage(Level = LogLevel.Error, Message = "The console line {Line} failed unexpectedly")]
    private partial void LogLineFailed(Exception exception, string line);
}
