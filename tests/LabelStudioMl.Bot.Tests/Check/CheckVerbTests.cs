using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.Check;

/// <summary>The <c>check</c> verb, run in-process against FakeLabelStudio, as an operator reads it.</summary>
public sealed class CheckVerbTests
{
    private const string DiscordToken = "MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.fake-token-for-tests-only";

    private static async Task<(int Exit, string Output)> CheckAsync(params string[] settings)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BotProgram.RunAsync(["check", $"--Discord:Token={DiscordToken}", .. settings], output, error);
        return (exit, output + error.ToString());
    }

    [Fact]
    public async Task Check_lists_projects_and_backends_with_state_and_error()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var ml = await ls.StartMlServerAsync();
        var broken = await ls.StartMlServerAsync();
        broken.SetupFails = true;
        var cars = ls.AddProject("Cars");
        ls.AddProject("Bikes");
        var good = ls.AddBackend(cars.Id, ml.Url, "yolo");
        var bad = ls.AddBackend(cars.Id, broken.Url, "broken");

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.CreatePersonalAccessToken()}");

        Assert.Equal(0, exit);
        Assert.Contains("key: personal access token", output, StringComparison.Ordinal);
        Assert.Contains("ok    Signed in as", output, StringComparison.Ordinal);
        Assert.Contains("2 projects visible", output, StringComparison.Ordinal);
        Assert.Contains($"Project #{cars.Id} Cars: 2 ML backends", output, StringComparison.Ordinal);
        Assert.Contains($"#{good.Id} yolo · CO Connected", output, StringComparison.Ordinal);
        Assert.Contains($"warn  #{bad.Id} broken · ER Error", output, StringComparison.Ordinal);
        Assert.Contains("error: 500 Server Error", output, StringComparison.Ordinal);
        Assert.Contains("fix: The ML server answers /health but its /setup failed", output, StringComparison.Ordinal);
        Assert.Contains("All checks passed (1 warning).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_against_a_closed_port_says_where_it_failed_and_exits_1()
    {
        var closed = Testing.FreePort.Find();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url=http://127.0.0.1:{closed}", "--LabelStudio:ApiKey=0123456789abcdef", "--LabelStudio:ReadRetries=0");

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL  Could not connect to Label Studio at http://127.0.0.1:{closed}", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check LabelStudio:Url", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_wrong_key_says_which_key_to_check()
    {
        await using var ls = await FakeLabelStudio.StartAsync();

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", "--LabelStudio:ApiKey=0000000000000000000000000000000000000000");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  Invalid token.", output, StringComparison.Ordinal);
        Assert.Contains("fix: Check LabelStudio:ApiKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0000000000000000000000000000000000000000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_a_legacy_key_where_legacy_tokens_are_off_says_to_use_a_personal_access_token()
    {
        await using var ls = await FakeLabelStudio.StartAsync(new FakeLabelStudioOptions { LegacyTokensEnabled = false });

        var (exit, output) = await CheckAsync($"--LabelStudio:Url={ls.BaseUrl}", $"--LabelStudio:ApiKey={ls.LegacyToken}");

        Assert.Equal(1, exit);
        Assert.Contains("legacy token authentication has been disabled for this organization", output, StringComparison.Ordinal);
        Assert.Contains("fix: Legacy tokens are disabled for this organization; use a personal access token", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ls.LegacyToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_with_incomplete_configuration_names_the_keys_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BotProgram.RunAsync(["check", "--LabelStudio:Url=", "--LabelStudio:ApiKey=", "--Discord:Token="], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("FAIL  LabelStudio:Url is missing", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL  Discord:Token is missing", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Label Studio: skipped until its configuration is fixed", output.ToString(), StringComparison.Ordinal);
    }
}
