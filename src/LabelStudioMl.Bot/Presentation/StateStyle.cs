using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>How a backend state looks in a reply: an emoji, a severity and a word.</summary>
/// <param name="Emoji">The emoji shown before the state or the backend.</param>
/// <param name="Severity">What the state says (Discord shows it as the embed colour).</param>
/// <param name="Word">The state in one word; unknown codes are shown as they came.</param>
internal sealed record StateStyle(string Emoji, Severity Severity, string Word)
{
    /// <summary>Green: connected.</summary>
    public static readonly StateStyle Connected = new("🟢", Severity.Good, "Connected");

    /// <summary>Red: error.</summary>
    public static readonly StateStyle Error = new("🔴", Severity.Error, "Error");

    /// <summary>Grey: disconnected.</summary>
    public static readonly StateStyle Disconnected = new("⚪", Severity.Idle, "Disconnected");

    /// <summary>Blue: training.</summary>
    public static readonly StateStyle Training = new("🔵", Severity.Info, "Training");

    /// <summary>Purple: predicting.</summary>
    public static readonly StateStyle Predicting = new("🟣", Severity.Prediction, "Predicting");

    /// <summary>The emoji of a state this bot does not know.</summary>
    public const string UnknownEmoji = "❔";

    /// <summary>Emoji and word together, e.g. <c>🟢 Connected</c>.</summary>
    public string Label => $"{Emoji} {Word}";

    /// <summary>The style of a state; an unknown code gets the neutral style with the raw code as its word.</summary>
    public static StateStyle For(MlBackendState state) => state.Code switch
    {
        "CO" => Connected,
        "ER" => Error,
        "DI" => Disconnected,
        "TR" => Training,
        "PR" => Predicting,
        _ => new(UnknownEmoji, Severity.Neutral, string.IsNullOrWhiteSpace(state.Code) ? "Unknown" : $"Unknown ({state.Code})"),
    };

    /// <summary>Whether the state needs attention (error or disconnected); problems are listed first.</summary>
    public static bool IsProblem(MlBackendState state) => state == MlBackendState.Error || state == MlBackendState.Disconnected;
}
