using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Interactions;

/// <summary>The /ml command registered with Discord, built from every subcommand's declaration.</summary>
public sealed class CommandTreeTests
{
    private static CommandTree Tree(string permissions = "none")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LabelStudio:Url"] = "http://127.0.0.1:1",
            ["LabelStudio:ApiKey"] = "0123456789abcdef",
            ["Discord:Token"] = "MTAw.GaBc.tree-test",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:1/api/v10",
            ["Access:AdminCommandPermissions"] = permissions,
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddLabelStudioClient()
            .AddDiscordRest()
            .AddBotAccess()
            .AddBotStorage()
            .AddCommandSet()
            .BuildServiceProvider()
            .GetRequiredService<CommandTree>();
    }

    [Fact]
    public void The_registered_command_is_valid_for_Discord()
    {
        var commands = Tree().ToDiscord();

        Assert.Empty(ApplicationCommandValidator.Validate(commands));
        var ml = Assert.Single(commands);
        Assert.Equal("ml", ml.Name);
        Assert.Contains(ml.Options!, o => o.Name == "get");
        Assert.Contains(ml.Options!, o => o.Name == "help");
    }

    [Fact]
    public void Subcommand_names_are_unique_lowercase_words()
    {
        var names = Tree().Commands.Select(c => c.Declaration.Name).ToList();

        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.All(names, n => Assert.Matches("^[a-z]+$", n));
    }

    [Fact]
    public void The_visibility_layer_hides_all_of_ml_when_configured_and_nothing_by_default()
    {
        Assert.Null(Tree().ToDiscord()[0].DefaultMemberPermissions);
        Assert.Equal("32", Tree("ManageGuild").ToDiscord()[0].DefaultMemberPermissions);
    }
}
