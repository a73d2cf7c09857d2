namespace LabelStudioMl.Bot.Tests;

public sealed class SolutionLayoutTests
{
    [Fact]
    public void Default_configuration_is_copied_next_to_the_binary()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
    }
}
