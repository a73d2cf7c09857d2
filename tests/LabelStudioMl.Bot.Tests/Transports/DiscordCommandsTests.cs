using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Transports;

/// <summary>The /ml command registered with Discord, built from every subcommand's declaration.</summary>
public sealed class DiscordCommandsTests
{
    /// <summary>The registration as the bot composes it (the check verb's host: no gateway, nothing started).</summary>
    private static DiscordCommands Registered(string permissions = "none") =>
        BotHost.CreateBuilder(
            [
                "--LabelStudio:Url=http://127.0.0.1:1", "--LabelStudio:ApiKey=0123456789abcdef", "--Discord:Token=MTAw.GaBc.tree-test",
                "--Discord:ApiBaseUrl=http://127.0.0.1:1/api/v10", $"--Access:AdminCommandPermissions={permissions}",
            ],
            ProcessVerb.Check).Build().Services.GetRequiredService<DiscordCommands>();

    [Fact]
    public void The_registered_command_is_valid_for_Discord()
    {
        var commands = Registered().Registration();

        Assert.Empty(ApplicationCommandValidator.Validate(commands));
        var ml = Assert.Single(commands);
        Assert.Equal("ml", ml.Name);
        Assert.Contains(ml.Options!, o => o.Name == "get");
        Assert.Contains(ml.Options!, o => o.Name == "help");
    }

    [Fact]
    public void Subcommand_names_are_unique_lowercase_words()
    {
        var names = Registered().Registration()[0].Options!.Select(o => o.Name).ToList();

        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.All(names, n => Assert.Matches("^[a-z]+$", n));
    }

    [Fact]
    public void The_visibility_layer_hides_all_of_ml_when_configured_and_nothing_by_default()
    {
        Assert.Null(Registered().Registration()[0].DefaultMemberPermissions);
        Assert.Equal("32", Registered("ManageGuild").Registration()[0].DefaultMemberPermissions);
    }

    [Fact]
    public void Id_options_are_registered_as_positive_integers()
    {
        var options = Registered().Registration()[0].Options!.SelectMany(c => c.Options ?? []).Where(o => o.Name is "backend" or "project" or "task").ToList();

        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.Equal(1, o.MinValue));
    }
}
