using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>How a backend state looks in a reply: an emoji, an embed colour and a word.</summary>
/// <param name="Emoji">The emoji shown before the state or the backend.</param>
/// <param name="Color">The embed colour as 0xRRGGBB.</param>
/// <param name="Word">The state in one word; unknown codes are shown as they came.</param>
internal sealed record StateStyle(string Emoji, int Color, string Word)
{
    /// <summary>Green: connected.</summary>
    public static readonly StateStyle Connected = new("🟢", 0x2ECC71, "Connected");

    /// <summary>Red: error.</summary>
    public static readonly StateStyle Error = new("🔴", 0xE74C3C, "Error");

    /// <summary>Grey: disconnected.</summary>
    public static readonly StateStyle Disconnected = new("⚪", 0x95A5A6, "Disconnected");

    /// <summary>Blue: training.</summary>
    public static readonly StateStyle Training = new("🔵", 0x3498DB, "Training");

    /// <summary>Purple: predicting.</summary>
    public static readonly StateStyle Predicting = new("🟣", 0x9B59B6, "Predicting");

    /// <summary>The neutral colour of a state this bot does not know.</summary>
    public const int UnknownColor = 0x7F8C8D;

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
        _ => new(UnknownEmoji, UnknownColor, string.IsNullOrWhiteSpace(state.Code) ? "Unknown" : $"Unknown ({state.Code})"),
    };

    /// <summary>Whether the state needs attention (error or disconnected); problems are listed first.</summary>
    public static bool IsProblem(MlBackendState state) => state == MlBackendState.Error || state == MlBackendState.Disconnected;
}
