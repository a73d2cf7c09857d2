using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class StateStyleTests
{
    [Theory]
    [InlineData("CO", "🟢", Severity.Good, "Connected")]
    [InlineData("ER", "🔴", Severity.Error, "Error")]
    [InlineData("DI", "⚪", Severity.Idle, "Disconnected")]
    [InlineData("TR", "🔵", Severity.Info, "Training")]
    [InlineData("PR", "🟣", Severity.Prediction, "Predicting")]
    public void Each_known_state_has_its_emoji_severity_and_word(string code, string emoji, Severity severity, string word)
    {
        var style = StateStyle.For(new MlBackendState(code));

        Assert.Equal(emoji, style.Emoji);
        Assert.Equal(severity, style.Severity);
        Assert.Equal(word, style.Word);
        Assert.Equal($"{emoji} {word}", style.Label);
    }

    [Fact]
    public void An_unknown_state_is_neutral_and_shows_its_raw_code()
    {
        var style = StateStyle.For(new MlBackendState("XX"));

        Assert.Equal("❔", style.Emoji);
        Assert.Equal(Severity.Neutral, style.Severity);
        Assert.Contains("XX", style.Word, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_error_and_disconnected_count_as_problems()
    {
        Assert.True(StateStyle.IsProblem(MlBackendState.Error));
        Assert.True(StateStyle.IsProblem(MlBackendState.Disconnected));
        Assert.False(StateStyle.IsProblem(MlBackendState.Connected));
        Assert.False(StateStyle.IsProblem(MlBackendState.Training));
    }
}
