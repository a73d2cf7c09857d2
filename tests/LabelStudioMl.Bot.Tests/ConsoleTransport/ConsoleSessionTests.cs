namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>
/// Buttons and access on the console, with stand-in commands (<see cref="ConsoleHarness"/>): the product has no paged
/// or admin command yet, and the console must work for any command that arrives.
/// </summary>
public sealed class ConsoleSessionTests
{
    [Fact]
    public async Task A_paged_reply_shows_numbered_buttons_and_typing_2_prints_the_next_page()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("/ml pages", "2", "2");

        Assert.Equal(0, failures);
        var pages = output.Split("\nLines\n");
        Assert.Contains("line 1\n", output, StringComparison.Ordinal);
        Assert.Contains("  — Page 1/3\n[1] ◀ Prev (disabled)  [2] Next ▶", output, StringComparison.Ordinal);
        Assert.Contains("  line 16\n", output, StringComparison.Ordinal);
        Assert.Contains("  — Page 2/3\n[1] ◀ Prev  [2] Next ▶", output, StringComparison.Ordinal);
        Assert.Contains("  line 45\n  — Page 3/3\n[1] ◀ Prev  [2] Next ▶ (disabled)", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("Page 1/3", StringComparison.Ordinal) < output.IndexOf("Page 2/3", StringComparison.Ordinal));
        Assert.Equal(3, pages.Length);
    }

    [Fact]
    public async Task Pressing_a_disabled_or_missing_button_says_so_without_a_new_page()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("pages", "1", "7");

        Assert.Equal(2, failures);
        Assert.Contains("[error] Button 1 (◀ Prev) is disabled.", output, StringComparison.Ordinal);
        Assert.Contains("[error] There is no button 7; the last reply has [1] ◀ Prev (disabled)  [2] Next ▶", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Page 2/3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_before_any_reply_with_buttons_explains_there_is_nothing_to_press()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("help", "2");

        Assert.Equal(1, failures);
        Assert.Contains("[error] There is no button 2 to press: no reply with buttons was shown yet.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_is_admin_by_default()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("/ml wipe backend:3");

        Assert.Equal((0, 1), (failures, console.Wipe.Runs));
        Assert.Contains("Wiped #3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_configured_for_view_is_refused_admin_commands_with_the_same_denial_text()
    {
        await using var console = await ConsoleHarness.StartAsync("--Access:Console:Level=View");

        var (failures, output) = await console.RunAsync("/ml wipe backend:3", "pages");

        Assert.Equal((1, 0), (failures, console.Wipe.Runs));
        Assert.Contains(
            "[denied] Not allowed\n  You need admin access for `/ml wipe`. The console runs with view access; an operator can raise Access:Console:Level.",
            output, StringComparison.Ordinal);
        Assert.Contains("Page 1/3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_names_the_option_and_the_usage()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("wipe backend:3 force:yes");

        Assert.Equal((1, 0), (failures, console.Wipe.Runs));
        Assert.Contains("[error] That input does not work\n  `/ml wipe` has no option `force`. Usage: /ml wipe backend", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_points_to_help()
    {
        await using var console = await ConsoleHarness.StartAsync();

        var (failures, output) = await console.RunAsync("frobnicate backend:3");

        Assert.Equal(1, failures);
        Assert.Contains("[error] That input does not work\n  `/ml frobnicate` is not a command of this bot. `/ml help` lists what you can run.", output, StringComparison.Ordinal);
    }
}
