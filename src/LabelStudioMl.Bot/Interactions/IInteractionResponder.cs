using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// How the dispatcher answers one interaction, whatever carried it: Discord's REST callbacks and webhooks, or the
/// console. The first call must be one of the initial answers (respond, defer, update, disable buttons).
/// </summary>
public interface IInteractionResponder
{
    /// <summary>Answers at once with a message (used for denials and bad input, before any slow work).</summary>
    Task RespondAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Acknowledges now and promises an answer; <paramref name="ephemeral"/> fixes who will see it.</summary>
    Task DeferAsync(bool ephemeral, CancellationToken cancellationToken);

    /// <summary>Replaces the deferred answer with the reply; returns the message's id (null where messages have none, on the console).</summary>
    Task<string?> EditOriginalAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Sends another message for the same interaction (its own visibility); returns its id like <see cref="EditOriginalAsync"/>.</summary>
    Task<string?> FollowUpAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>Answers a button press by editing the message the button is on.</summary>
    Task UpdateMessageAsync(Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Answers a button press by showing the message the button is on again with every button disabled: what a press
    /// on a page or prompt whose session is gone gets.
    /// </summary>
    Task DisableButtonsAsync(CancellationToken cancellationToken);
}
