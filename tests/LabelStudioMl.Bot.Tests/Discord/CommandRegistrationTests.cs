using System.Text.Json;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>Commands are validated before sending and overwritten only when they changed.</summary>
[Collection("FakeDiscord")]
public sealed class CommandRegistrationTests
{
    private static IReadOnlyList<ApplicationCommand> MlCommands() =>
        JsonSerializer.Deserialize(File.ReadAllText(RepositoryPaths.Fixture("discord", "synthesized", "command-ml-bulk-overwrite-body.json")), DiscordJsonContext.Default.IReadOnlyListApplicationCommand)!;

    private static ApplicationCommandOption Text(string name, bool required = false) =>
        new() { Type = ApplicationCommandOptionType.String, Name = name, Description = "text", Required = required };

    public static TheoryData<string, ApplicationCommand> InvalidCommands() => new()
    {
        { "not a valid name", new ApplicationCommand { Name = "train model", Description = "x" } },
        { "must be lowercase", new ApplicationCommand { Name = "Train", Description = "x" } },
        { "not a valid name", new ApplicationCommand { Name = new string('a', 33), Description = "x" } },
        { "description must be 1–100", new ApplicationCommand { Name = "train", Description = "" } },
        { "description must be 1–100", new ApplicationCommand { Name = "train", Description = new string('d', 101) } },
        { "at most 25", new ApplicationCommand { Name = "train", Description = "x", Options = [.. Enumerable.Range(0, 26).Select(i => Text($"o{i}"))] } },
        { "required options must come before", new ApplicationCommand { Name = "train", Description = "x", Options = [Text("a"), Text("b", required: true)] } },
        {
            "autocomplete and choices", new ApplicationCommand
            {
                Name = "train", Description = "x",
                Options = [Text("model") with { Autocomplete = true, Choices = [ApplicationCommandOptionChoice.Of("a", "a")] }],
            }
        },
        {
            "at most 25 are allowed", new ApplicationCommand
            {
                Name = "train", Description = "x",
                Options = [Text("model") with { Choices = [.. Enumerable.Range(0, 26).Select(i => ApplicationCommandOptionChoice.Of($"c{i}", $"v{i}"))] }],
            }
        },
        {
            "8000", new ApplicationCommand
            {
                Name = "train", Description = "x",
                Options = [.. Enumerable.Range(0, 5).Select(i => Text($"o{i}") with { Choices = [.. Enumerable.Range(0, 25).Select(c => ApplicationCommandOptionChoice.Of(new string('n', 100), new string('v', 100)))] })],
            }
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public async Task Invalid_commands_are_refused_before_anything_is_sent(string problem, ApplicationCommand command)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        var registrar = bot.Host.Services.GetRequiredService<CommandRegistrar>();

        var error = await Assert.ThrowsAsync<InvalidApplicationCommandException>(() => registrar.RegisterAsync([command]));

        Assert.Contains(error.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void The_ml_command_set_is_valid()
    {
        Assert.Empty(ApplicationCommandValidator.Validate(MlCommands()));
    }

    [Fact]
    public async Task Registers_to_the_guild_once_and_skips_an_unchanged_set()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        var registrar = bot.Host.Services.GetRequiredService<CommandRegistrar>();

        var first = await registrar.RegisterAsync(MlCommands());
        var second = await registrar.RegisterAsync(MlCommands());

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        var overwrite = Assert.Single(fake.CommandOverwrites);
        Assert.Equal(fake.Options.GuildId, overwrite.GuildId);
        Assert.Equal("ml", overwrite.Commands[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overwrites_again_when_a_description_changed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        var registrar = bot.Host.Services.GetRequiredService<CommandRegistrar>();
        await registrar.RegisterAsync(MlCommands());
        var changed = MlCommands().Select(c => c with { Description = "Machine-learning operations" }).ToList();

        var result = await registrar.RegisterAsync(changed);

        Assert.True(result.Changed);
        Assert.Equal(2, fake.CommandOverwrites.Count);
    }

    [Fact]
    public async Task Registers_globally_without_a_guild_id()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, new Dictionary<string, string?> { ["Discord:GuildId"] = null }, gateway: false);
        var registrar = bot.Host.Services.GetRequiredService<CommandRegistrar>();

        var result = await registrar.RegisterAsync(MlCommands());

        Assert.Equal("global", result.Scope);
        Assert.Null(Assert.Single(fake.CommandOverwrites).GuildId);
        Assert.Contains(fake.Requests, r => r.Method == "PUT" && r.Path == $"/applications/{fake.ApplicationId}/commands");
    }
}
