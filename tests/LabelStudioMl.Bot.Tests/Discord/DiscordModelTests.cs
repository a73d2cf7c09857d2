using System.Text.Json;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>The models read Discord's real and synthesized payloads, leniently.</summary>
public sealed class DiscordModelTests
{
    private static string Fixture(params string[] parts) => File.ReadAllText(RepositoryPaths.Fixture(["discord", .. parts]));

    private static GatewayPayload Envelope(string json) => JsonSerializer.Deserialize(json, DiscordJsonContext.Default.GatewayPayload)!;

    [Fact]
    public void A_guild_interaction_carries_the_member_and_polymorphic_option_values()
    {
        var payload = Envelope(Fixture("synthesized", "interaction-create-dispatch-ml-train.json"));
        var dispatch = new GatewayDispatch(payload.T!, payload.S, payload.D!.Value, DateTimeOffset.UtcNow);

        var interaction = dispatch.AsInteraction()!;

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("alice", interaction.Invoker!.Username);
        Assert.Null(interaction.User);
        Assert.Equal([new Snowflake(1100000000000000400), new Snowflake(1100000000000000401)], interaction.Member!.Roles);
        Assert.True(interaction.Member.PermissionFlags.HasFlag(DiscordPermissions.SendMessages));
        var train = Assert.Single(interaction.Data!.Options!);
        Assert.Equal(ApplicationCommandOptionType.SubCommand, train.Type);
        Assert.Null(train.Value);
        var options = train.Options!.ToDictionary(o => o.Name);
        Assert.Equal("sentiment-v2", options["model"].AsString());
        Assert.Equal(10, options["epochs"].AsInt64());
        Assert.Equal(0.001, options["learning_rate"].AsDouble());
        Assert.True(options["notify"].AsBoolean());
    }

    [Fact]
    public void A_dm_interaction_carries_the_user_instead_of_a_member()
    {
        var dm = FakeInteractions.InDirectMessage(FakeInteractions.SlashCommand("ml"));

        var interaction = dm.Deserialize(DiscordJsonContext.Default.Interaction)!;

        Assert.Null(interaction.Member);
        Assert.Null(interaction.GuildId);
        Assert.Equal("alice", interaction.Invoker!.Username);
    }

    [Fact]
    public void Autocomplete_marks_the_focused_option()
    {
        var interaction = JsonSerializer.Deserialize(Fixture("interaction-autocomplete-partial.json"), DiscordJsonContext.Default.Interaction)!;

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, interaction.Type);
        var option = Assert.Single(interaction.Data!.Options!);
        Assert.True(option.Focused);
        Assert.Equal("data a user is typ", option.AsString());
    }

    [Fact]
    public void Unknown_fields_and_enum_values_do_not_break_parsing()
    {
        const string json = """{"id":"5","application_id":"6","type":99,"token":"t","version":1,"brand_new":{"x":[1,2]},"data":{"name":"x","type":42,"options":[{"name":"o","type":77,"value":{"nested":true}}]}}""";

        var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;

        Assert.Equal((InteractionType)99, interaction.Type);
        Assert.Equal((ApplicationCommandType)42, interaction.Data!.Type);
        Assert.Equal((ApplicationCommandOptionType)77, interaction.Data.Options![0].Type);
    }

    [Fact]
    public void Ready_gives_the_session_resume_url_and_application()
    {
        var payload = Envelope(Fixture("synthesized", "ready-dispatch.json"));

        var ready = payload.D!.Value.Deserialize(DiscordJsonContext.Default.GatewayReady)!;

        Assert.Equal("f3c1e0b2a9d84c1e8f0a6b7c5d4e3f21", ready.SessionId);
        Assert.Equal("wss://gateway-us-east1-b.discord.gg", ready.ResumeGatewayUrl);
        Assert.Equal(new Snowflake(1100000000000000002), ready.Application!.Id);
    }

    [Fact]
    public void Gateway_envelopes_keep_null_sequence_and_read_hello()
    {
        var hello = Envelope(Fixture("gateway-hello.json"));
        var ack = Envelope(Fixture("gateway-heartbeat-ack.json"));

        Assert.Equal(10, hello.Op);
        Assert.Null(hello.S);
        Assert.Equal(45000, hello.D!.Value.Deserialize(DiscordJsonContext.Default.GatewayHello)!.HeartbeatInterval);
        Assert.Equal(11, ack.Op);
        Assert.Null(ack.D);
    }

    [Fact]
    public void Commands_with_subcommand_groups_parse_from_the_docs()
    {
        var text = Fixture("command-subcommand-groups.jsonc");
        // The docs' block has // comments: read it comment-aware, then hand the models plain JSON.
        var plain = System.Text.Json.Nodes.JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.ToJsonString();

        var command = JsonSerializer.Deserialize(plain, DiscordJsonContext.Default.ApplicationCommand)!;

        Assert.Equal("permissions", command.Name);
        Assert.Contains(command.Options!, o => o.Type == ApplicationCommandOptionType.SubCommandGroup);
    }

    [Fact]
    public void Messages_suppress_mentions_unless_asked_and_omit_nulls()
    {
        var json = JsonSerializer.Serialize(new MessageContent { Content = "@everyone done" }, DiscordJsonContext.Default.MessageContent);

        Assert.Equal("""{"content":"@everyone done","allowed_mentions":{"parse":[]}}""", json);
    }

    [Fact]
    public void Identify_and_resume_never_print_the_token()
    {
        var identify = new GatewayIdentify { Token = "secret.token.value" };
        var resume = new GatewayResume { Token = "secret.token.value", SessionId = "s", Seq = 3 };

        Assert.DoesNotContain("secret", identify.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", resume.ToString(), StringComparison.Ordinal);
        Assert.Contains("Seq = 3", resume.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Snowflakes_are_written_as_strings_and_read_from_numbers_too()
    {
        var user = JsonSerializer.Deserialize("""{"id":80351110224678912,"username":"n"}""", DiscordJsonContext.Default.User)!;

        Assert.Equal(new Snowflake(80351110224678912), user.Id);
        Assert.Contains("\"id\":\"80351110224678912\"", JsonSerializer.Serialize(user, DiscordJsonContext.Default.User), StringComparison.Ordinal);
        Assert.Equal(2015, user.Id.CreatedAt.Year);
    }

    [Fact]
    public void An_interaction_printed_for_a_log_never_shows_its_token()
    {
        var interaction = new Interaction { Id = Snowflake.Parse("1100000000000000500"), Token = "secret-interaction-token", Type = InteractionType.ApplicationCommand };

        Assert.DoesNotContain("secret-interaction-token", interaction.ToString(), StringComparison.Ordinal);
        Assert.Contains("1100000000000000500", interaction.ToString(), StringComparison.Ordinal);
    }
}
