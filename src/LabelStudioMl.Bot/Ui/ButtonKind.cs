namespace LabelStudioMl.Bot.Ui;

/// <summary>How a button looks, by what pressing it does.</summary>
public enum ButtonKind
{
    /// <summary>The expected next step.</summary>
    Primary,

    /// <summary>Moving around or backing out (paging, cancel).</summary>
    Secondary,

    /// <summary>A step that destroys something (remove).</summary>
    Danger,
}
