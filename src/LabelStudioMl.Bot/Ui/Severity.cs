namespace LabelStudioMl.Bot.Ui;

/// <summary>
/// What a card says about the thing it shows, which each transport renders its own way (Discord as the embed's colour,
/// the console as a mark before an error or a refusal).
/// </summary>
public enum Severity
{
    /// <summary>Nothing to report either way: an unknown state, an empty list, a removal.</summary>
    Neutral,

    /// <summary>Working as it should: connected, training finished, reachable again.</summary>
    Good,

    /// <summary>Under way or new: training, a new model version, a watch set up.</summary>
    Info,

    /// <summary>A prediction or a backend predicting.</summary>
    Prediction,

    /// <summary>Not reachable, not running: a disconnected backend, a snoozed watch.</summary>
    Idle,

    /// <summary>Not done for the caller (no access, busy, not theirs to press) or a question before a destructive step.</summary>
    Warning,

    /// <summary>Failed: an error state, a failed command, an unreachable Label Studio.</summary>
    Error,
}
