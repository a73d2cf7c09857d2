using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Testing.Discord.FakeInteractions;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The bot's own <c>/health</c> probe of an ML server is a request the bot makes on a user's word: it must not fetch
/// cloud metadata or other link-local addresses, and it shows no more than a status and a short excerpt.
/// </summary>
public sealed class ProbeSafetyTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("http://[fe80::1]:9090", "link-local")]
    [InlineData("http://100.100.100.200/", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/", "cloud metadata")]
    [InlineData("http://0.0.0.0:9090", "not an address a server answers on")]
    public async Task Add_refuses_a_link_local_or_metadata_address_without_fetching_it_or_asking_Label_Studio(string url, string reason)
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");

        var error = await bot.ErrorInPlaceAsync(await bot.AdminAsync("add", Option("url", url), Option("project", project.Id)));

        Assert.Contains("The bot does not fetch", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to it or to Label Studio", error, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("POST", "/api/ml/"));
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task With_private_addresses_turned_off_a_loopback_ML_server_is_refused_by_its_resolved_address_naming_the_setting()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string> { ["Commands:ProbePrivateAddresses"] = "false" });
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();

        // A name, not an address: the rule holds for what it resolves to.
        var error = await bot.ErrorInPlaceAsync(await bot.AdminAsync("add", Option("url", $"http://localhost:{ml.Url.Port}"), Option("project", project.Id)));

        Assert.Matches(@"localhost is at (127\.0\.0\.1|::1), a loopback address", error);
        Assert.Contains("Commands:ProbePrivateAddresses is false", error, StringComparison.Ordinal);
        Assert.Empty(ml.Requests);
        Assert.Empty(bot.LabelStudio.Backends);
    }

    [Fact]
    public async Task Update_url_is_probed_as_add_is_and_an_unhealthy_server_changes_nothing_with_a_short_excerpt()
    {
        await using var bot = await BotHarness.StartAsync();
        var project = bot.LabelStudio.AddProject("Cars");
        var current = await bot.LabelStudio.StartMlServerAsync();
        var backend = bot.LabelStudio.AddBackend(project.Id, current.Url, "yolo");
        var failing = await bot.LabelStudio.StartMlServerAsync();
        failing.Health = MlServerHealth.ServerError;

        var error = await bot.ErrorInPlaceAsync(await bot.AdminAsync("update", Option("backend", backend.Id), Option("url", failing.Url.ToString())));
        var metadata = await bot.ErrorInPlaceAsync(await bot.AdminAsync("update", Option("backend", backend.Id), Option("url", "http://169.254.169.254/")));

        Assert.Contains("HTTP 500", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
        var excerpt = Regex.Match(error, @"HTTP 500\*\* `([^`]*)`").Groups[1].Value;
        Assert.InRange(excerpt.Length, 1, 120);
        Assert.Contains(failing.Requests, r => r.Path == "/health");
        Assert.Contains("link-local", metadata, StringComparison.Ordinal);
        Assert.Empty(bot.LabelStudio.MlCalls("PATCH", $"/api/ml/{backend.Id}"));
        Assert.Equal(current.Url.ToString().TrimEnd('/'), backend.Url.TrimEnd('/'));
    }
}
