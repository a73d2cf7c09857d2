namespace LabelStudioMl.Bot.Ui;

/// <summary>
/// A button under a reply. <paramref name="CustomId"/> comes back with the press (see <c>Components/CustomId</c>);
/// a disabled button is shown but cannot be pressed.
/// </summary>
public sealed record Button(string CustomId, string Label, ButtonKind Kind = ButtonKind.Secondary, bool Disabled = false);
