using System.Text.Json;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>One gateway event (op 0).</summary>
/// <param name="Name">The event name (<c>t</c>), e.g. <c>INTERACTION_CREATE</c>.</param>
/// <param name="Sequence">The sequence number (<c>s</c>).</param>
/// <param name="Data">The raw event data (<c>d</c>).</param>
/// <param name="ReceivedAt">Local receipt time: measure the 3-second interaction deadline from here, not from the snowflake.</param>
public sealed record GatewayDispatch(string Name, long? Sequence, JsonElement Data, DateTimeOffset ReceivedAt)
{
    /// <summary>The event name of a created interaction.</summary>
    public const string InteractionCreate = "INTERACTION_CREATE";

    /// <summary>Whether this is an INTERACTION_CREATE.</summary>
    public bool IsInteraction => Name == InteractionCreate;

    /// <summary>The interaction of an INTERACTION_CREATE; null for other events.</summary>
    /// <returns>The parsed interaction.</returns>
    public Interaction? AsInteraction() =>
        IsInteraction ? Data.Deserialize(DiscordJsonContext.Default.Interaction) : null;
}
