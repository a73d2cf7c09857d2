using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class StateStyleTests
{
    [Theory]
    [InlineData("CO", "🟢", 0x2ECC71, "Connected")]
    [InlineData("ER", "🔴", 0xE74C3C, "Error")]
    [InlineData("DI", "⚪", 0x95A5A6, "Disconnected")]
    [InlineData("TR", "🔵", 0x3498DB, "Training")]
    [InlineData("PR", "🟣", 0x9B59B6, "Predicting")]
    public void Each_known_state_has_its_emoji_colour_and_word(string code, string emoji, int color, string word)
    {
        var style = StateStyle.For(new MlBackendState(code));

        Assert.Equal(emoji, style.Emoji);
        Assert.Equal(color, style.Color);
        Assert.Equal(word, style.Word);
        Assert.Equal($"{emoji} {word}", style.Label);
    }

    [Fact]
    public void An_unknown_state_is_neutral_and_shows_its_raw_code()
    {
        var style = StateStyle.For(new MlBackendState("XX"));

        Assert.Equal("❔", style.Emoji);
        Assert.Equal(0x7F8C8D, style.Color);
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
