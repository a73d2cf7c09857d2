using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.ConsoleTransport;

/// <summary>The buttons of a reply numbered from 1 across its action rows, as the console shows and presses them.</summary>
internal static class ConsoleButtons
{
    public static IReadOnlyList<Component> Of(Reply reply) =>
        [.. reply.Components.SelectMany(row => row.Type == 1 ? row.Components ?? [] : [row]).Where(c => c.Type == 2)];

    /// <summary><c>[1] ◀ Prev (disabled)  [2] Next ▶</c>; a link button shows its URL.</summary>
    public static string Line(IReadOnlyList<Component> buttons) => string.Join("  ", buttons.Select((button, index) =>
    {
        var label = $"[{index + 1}] {button.Label ?? button.CustomId}";
        if (button.Disabled == true)
            return label + " (disabled)";
        return button.Url is { } url ? $"{label} ({url})" : label;
    }));
}
