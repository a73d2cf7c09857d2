using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>A button press on a message the bot sent, routed by the button's <c>custom_id</c>.</summary>
public sealed record ComponentContext(Caller Caller, string CustomId, IInteractionResponder Responder);

/// <summary>Handles the buttons whose custom id it recognises (paging, confirmations).</summary>
public interface IComponentHandler
{
    /// <summary>Whether the button belongs to this handler.</summary>
    bool Accepts(string customId);

    /// <summary>Answers the press, normally by updating the message the button is on.</summary>
    Task HandleAsync(ComponentContext context, CancellationToken cancellationToken);
}
