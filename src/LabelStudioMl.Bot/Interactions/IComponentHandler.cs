using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>A button press on a message the bot sent, routed by the button's <c>custom_id</c>.</summary>
public sealed record ComponentContext(Caller Caller, string CustomId);

/// <summary>Handles the buttons whose custom id it recognises (paging, confirmations).</summary>
public interface IComponentHandler
{
    /// <summary>The command whose replies carry these buttons (the <c>command</c> label of the button metrics).</summary>
    string Command { get; }

    /// <summary>Whether the button belongs to this handler.</summary>
    bool Accepts(string customId);

    /// <summary>Decides what the press does; the dispatcher answers the presser from the result.</summary>
    Task<ButtonResult> HandleAsync(ComponentContext context, CancellationToken cancellationToken);
}
