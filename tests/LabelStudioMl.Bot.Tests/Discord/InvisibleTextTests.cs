using LabelStudioMl.Bot.Discord.Messages;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>
/// <see cref="InvisibleText.Remove"/> at the edges of its quick path: text with nothing at or above U+00AD (the soft
/// hyphen, the lowest character it removes) comes back as it is, and one such character is enough for a full look.
/// </summary>
public sealed class InvisibleTextTests
{
    [Theory]
    [InlineData("Cars detector #12: http://ml-backend:9090/", "Cars detector #12: http://ml-backend:9090/")]
    [InlineData("line one\nline two\ttabbed", "line one\nline two\ttabbed")]
    [InlineData("caf\u00E9 \u00AB yolo \u00BB \u00A9", "caf\u00E9 \u00AB yolo \u00BB \u00A9")]
    [InlineData("yo\u00ADlo", "yolo")]
    [InlineData("\u00ADyolo\u00AD", "yolo")]
    [InlineData("yolo\u202E8v", "yolo8v")]
    [InlineData("tag\U000E0041\U000E007Fged", "tagged")]
    [InlineData("\U0001F469\u200D\U0001F4BB dev", "\U0001F469\u200D\U0001F4BB dev")]
    [InlineData("\u200D yolo", " yolo")]
    public void Removes_only_what_cannot_be_seen(string text, string expected) => Assert.Equal(expected, InvisibleText.Remove(text));

    [Fact]
    public void Text_below_the_soft_hyphen_comes_back_as_the_same_string()
    {
        const string text = "Connected - model yolo-v8-2026-12-01";

        Assert.Same(text, InvisibleText.Remove(text));
    }
}
