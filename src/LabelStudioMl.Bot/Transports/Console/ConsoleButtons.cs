using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>The buttons of a reply numbered from 1, as the console shows and presses them.</summary>
internal static class ConsoleButtons
{
    /// <summary><c>[1] ◀ Prev (disabled)  [2] Next ▶</c>.</summary>
    public static string Line(IReadOnlyList<Button> buttons) => string.Join("  ", buttons.Select((button, index) =>
        $"[{index + 1}] {button.Label}{(button.Disabled ? " (disabled)" : "")}"));
}
