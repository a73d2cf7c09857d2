using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// Answers one console interaction by printing: immediate replies, edits and follow-ups (private ones too: only the
/// console reader sees them). A deferral and the removal of a deferral print nothing; a button press's update
/// prints the new message, whose buttons the next number presses.
/// </summary>
internal sealed class ConsoleResponder(ConsoleOutput output, Reply? pressedOn = null) : IInteractionResponder
{
    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) => Print(reply);

    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken)
    {
        await Print(reply);
        return null;
    }

    public Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken) => EditOriginalAsync(reply, cancellationToken);

    public Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (pressedOn is null)
            output.Print(reply);
        else
            output.Replace(pressedOn, reply);
        return Task.CompletedTask;
    }

    public Task DisableButtonsAsync(CancellationToken cancellationToken) =>
        pressedOn is null ? Task.CompletedTask : UpdateMessageAsync(pressedOn.WithButtonsDisabled(), cancellationToken);

    private Task Print(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        output.Print(reply);
        return Task.CompletedTask;
    }
}
