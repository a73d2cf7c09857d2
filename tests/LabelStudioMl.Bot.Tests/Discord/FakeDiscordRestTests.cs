using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing.Discord;
using Refit;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>FakeDiscord's REST side validates like Discord (docs/label-studio-behaviour.md, "Discord: REST and rate limits").</summary>
[Collection("FakeDiscord")]
public sealed class FakeDiscordRestTests
{
    private static HttpClient Raw(FakeDiscord fake, bool auth = true, bool agent = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(fake.ApiBaseUrl + "/") };
        if (auth)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bot " + fake.BotToken);
        if (agent)
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "DiscordBot (https://example.invalid, 1.0)");
        return client;
    }

    [Fact]
    public async Task Requires_a_bot_token_and_a_DiscordBot_user_agent()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var anonymous = Raw(fake, auth: false);
        using var agentless = Raw(fake, agent: false);

        using var unauthorized = await anonymous.GetAsync("users/@me");
        using var blocked = await agentless.GetAsync("users/@me");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("40333", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_carries_rate_limit_headers()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = Raw(fake);

        using var response = await client.GetAsync("users/@me");

        foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket" })
            Assert.True(response.Headers.Contains(header), header);
    }

    [Fact]
    public async Task Rejects_allowed_mentions_that_mix_parse_and_a_list_and_empty_messages()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = Raw(fake);

        using var mixed = await client.PostAsJsonAsync("channels/1/messages", JsonNode.Parse("""{"content":"hi","allowed_mentions":{"parse":["users"],"users":["1"]}}"""));
        using var empty = await client.PostAsJsonAsync("channels/1/messages", new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("50035", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("50006", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_command_contexts_and_integration_types_that_are_not_discords()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = Raw(fake);

        using var bad = await client.PutAsJsonAsync($"applications/{fake.ApplicationId}/commands",
            JsonNode.Parse("""[{"name":"ml","description":"x","contexts":[0,3],"integration_types":"guild"}]"""));
        using var good = await client.PutAsJsonAsync($"applications/{fake.ApplicationId}/commands",
            JsonNode.Parse("""[{"name":"ml","description":"x","contexts":[0,1,2],"integration_types":[0,1]}]"""));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("ENUM_TYPE_COERCE", errors, StringComparison.Ordinal);
        Assert.Contains("BASE_TYPE_LIST", errors, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task A_second_callback_is_40060_and_an_unknown_one_10062()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var id = Snowflake.Parse(await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml")));
        var token = $"fake-interaction-token-{id}";

        await bot.Rest.CreateInteractionResponseAsync(id, token, InteractionResponse.Defer(ephemeral: false));
        var again = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.CreateInteractionResponseAsync(id, token, InteractionResponse.Defer(ephemeral: false)));
        var unknown = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.CreateInteractionResponseAsync(new Snowflake(42), "nope", InteractionResponse.Defer(ephemeral: false)));

        Assert.Contains("40060", again.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("10062", unknown.Content, StringComparison.Ordinal);
        Assert.Single(fake.InteractionCallbacks);
    }

    [Fact]
    public async Task The_first_follow_up_after_a_deferral_edits_the_loading_message_and_its_flags_are_ignored()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var (id, token, app) = await DeferredAsync(fake, bot);

        var first = await bot.Rest.CreateFollowupMessageAsync(app, token, new MessageContent { Content = "secret?", Flags = MessageContent.EphemeralFlag });
        var second = await bot.Rest.CreateFollowupMessageAsync(app, token, new MessageContent { Content = "private", Flags = MessageContent.EphemeralFlag });

        var shown = fake.ShownOriginal(id.ToString())!;
        Assert.Equal(shown["id"]!.GetValue<string>(), first.Id.ToString());
        Assert.Equal("secret?", shown["content"]!.GetValue<string>());
        Assert.Equal(0, shown["flags"]!.GetValue<int>());
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("private", Assert.Single(fake.FollowUps).Content);
    }

    [Fact]
    public async Task A_deleted_original_answers_10008_to_edits_and_to_the_follow_up_that_would_have_replaced_it()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var (id, token, app) = await DeferredAsync(fake, bot);
        using var raw = Raw(fake);

        using var deleted = await raw.DeleteAsync($"webhooks/{app}/{token}/messages/@original");
        var edit = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.EditOriginalResponseAsync(app, token, new MessageContent { Content = "error" }));
        var followUp = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.CreateFollowupMessageAsync(app, token, new MessageContent { Content = "error", Flags = MessageContent.EphemeralFlag }));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains("10008", edit.Content, StringComparison.Ordinal);
        Assert.Contains("10008", followUp.Content, StringComparison.Ordinal);
        Assert.Null(fake.ShownOriginal(id.ToString()));
    }

    [Fact]
    public async Task An_edit_keeps_the_fields_it_leaves_out_and_clears_those_sent_empty()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var (id, token, app) = await DeferredAsync(fake, bot);
        var embed = new Embed { Title = "result" };

        await bot.Rest.EditOriginalResponseAsync(app, token, new MessageContent { Content = "Removing #3…" });
        await bot.Rest.EditOriginalResponseAsync(app, token, new MessageContent { Embeds = [embed] });
        var kept = fake.ShownOriginal(id.ToString())!;
        await bot.Rest.EditOriginalResponseAsync(app, token, new MessageContent { Content = "", Embeds = [] });
        var cleared = fake.ShownOriginal(id.ToString())!;

        Assert.Equal("Removing #3…", kept["content"]!.GetValue<string>());
        Assert.Equal("result", kept["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("", cleared["content"]!.GetValue<string>());
        Assert.Empty(cleared["embeds"]!.AsArray());
    }

    private static async Task<(Snowflake Id, string Token, Snowflake App)> DeferredAsync(FakeDiscord fake, DiscordHarness bot)
    {
        var id = Snowflake.Parse(await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml")));
        var token = $"fake-interaction-token-{id}";
        await bot.Rest.CreateInteractionResponseAsync(id, token, InteractionResponse.Defer(ephemeral: false));
        return (id, token, Snowflake.Parse(fake.ApplicationId));
    }

    [Fact]
    public async Task A_callback_after_the_deadline_is_10062()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { InteractionResponseDeadline = TimeSpan.Zero });
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var id = Snowflake.Parse(await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml")));

        var late = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.CreateInteractionResponseAsync(id, $"fake-interaction-token-{id}", InteractionResponse.Defer(ephemeral: true)));

        Assert.Contains("10062", late.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_ups_and_original_edits_are_recorded_per_interaction()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake);
        await bot.WaitUntilReadyAsync();
        var idText = await fake.PushInteractionAsync(FakeInteractions.InDirectMessage(FakeInteractions.SlashCommand("ml")));
        var id = Snowflake.Parse(idText);
        var token = $"fake-interaction-token-{id}";
        var app = Snowflake.Parse(fake.ApplicationId);

        await bot.Rest.CreateInteractionResponseAsync(id, token, new InteractionResponse
        {
            Type = InteractionCallbackType.ChannelMessageWithSource,
            Data = InteractionCallbackData.From(new MessageContent { Content = "working" }),
        });
        await bot.Rest.EditOriginalResponseAsync(app, token, new MessageContent { Content = "done" });
        var followUp = await bot.Rest.CreateFollowupMessageAsync(app, token, new MessageContent { Content = "details" });

        Assert.Equal(4, Assert.Single(fake.InteractionCallbacks).Type);
        Assert.Equal("done", Assert.Single(fake.OriginalEdits).Content);
        var recorded = Assert.Single(fake.FollowUps);
        Assert.Equal(idText, recorded.ChannelOrInteraction);
        Assert.Equal(recorded.Id, followUp.Id.ToString());
    }
}
