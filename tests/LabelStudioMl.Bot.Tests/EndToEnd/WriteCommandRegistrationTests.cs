using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>The commands that change things reach Discord's command list, and registering them keeps the bot running.</summary>
public sealed class WriteCommandRegistrationTests
{
    [Fact]
    public async Task Add_update_remove_train_and_predict_are_registered_and_the_bot_keeps_running()
    {
        await using var bot = await BotHarness.StartAsync();
        JsonArray? registered = null;
        await FakeDiscord.WaitUntilAsync(() => (registered = bot.Discord.RegisteredCommands(Guild)).Count > 0, TimeSpan.FromSeconds(20), "the /ml registration");

        var subcommands = registered!.Single(c => c!["name"]!.GetValue<string>() == "ml")!["options"]!.AsArray()
            .Select(o => o!["name"]!.GetValue<string>()).ToList();
        var password = registered!.Single()!["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "add")!["options"]!.AsArray()
            .Single(o => o!["name"]!.GetValue<string>() == "basic_auth_password")!;

        Assert.Subset(subcommands.ToHashSet(), new HashSet<string> { "add", "update", "remove", "train", "predict" });
        Assert.Null(password["required"]);
        Assert.False(bot.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Theory]
    [InlineData(false, "[0]")]
    [InlineData(true, "[0,1]")]
    public async Task Ml_is_offered_in_direct_messages_only_when_direct_message_users_are_configured(bool directMessageUsers, string contexts)
    {
        // application-commands.mdx, "Interaction Contexts": without contexts a command is offered in servers, the bot's
        // DMs and private channels alike; the bot is installed to servers only (integration type 0, GUILD_INSTALL).
        var settings = new Dictionary<string, string>();
        if (directMessageUsers)
            settings["Access:DirectMessageUsers:1100000000000000300"] = "View";
        await using var bot = await BotHarness.StartAsync(settings);
        JsonArray? registered = null;
        await FakeDiscord.WaitUntilAsync(() => (registered = bot.Discord.RegisteredCommands(Guild)).Count > 0, TimeSpan.FromSeconds(20), "the /ml registration");

        var ml = registered!.Single()!;
        Assert.Equal(contexts, ml["contexts"]?.ToJsonString());
        Assert.Equal("[0]", ml["integration_types"]?.ToJsonString());
    }

    private const string Guild = "1100000000000000100";
}
