namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>A legacy message component: an action row (type 1) holding buttons (type 2) or one select.</summary>
public sealed record Component
{
    /// <summary>1 action row, 2 button, 3 string select, …</summary>
    public int Type { get; init; }

    /// <summary>Children of an action row.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Button style: 1 primary, 2 secondary, 3 success, 4 danger, 5 link.</summary>
    public int? Style { get; init; }

    /// <summary>Button label (≤ 80).</summary>
    public string? Label { get; init; }

    /// <summary>1–100 characters, unique in the message (not on link buttons).</summary>
    public string? CustomId { get; init; }

    /// <summary>URL of a link button (≤ 512).</summary>
    public string? Url { get; init; }

    /// <summary>Whether the component is disabled.</summary>
    public bool? Disabled { get; init; }

    /// <summary>An action row with the given children.</summary>
    /// <param name="children">Up to five buttons or one select.</param>
    /// <returns>The row.</returns>
    public static Component ActionRow(params Component[] children) => new() { Type = 1, Components = children };

    /// <summary>A button that sends an interaction.</summary>
    /// <param name="customId">1–100 characters.</param>
    /// <param name="label">The label (≤ 80).</param>
    /// <param name="style">1 primary, 2 secondary, 3 success, 4 danger.</param>
    /// <returns>The button.</returns>
    public static Component Button(string customId, string label, int style = 1) =>
        new() { Type = 2, Style = style, CustomId = customId, Label = label };
}
