using LabelStudioMl.Bot.Discord.Messages;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Testing.Discord;
using Refit;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>Oversize content is truncated into messages Discord accepts, never rejected.</summary>
[Collection("FakeDiscord")]
public sealed class EmbedLimitTests
{
    private static readonly Snowflake Channel = new(1100000000000000200);

    private static Embed Oversize() => new EmbedBuilder()
        .WithTitle(new string('t', 300))
        .WithDescription(new string('d', 5000))
        .WithFooter(new string('f', 2100))
        .WithAuthor(new string('a', 300))
        .AddField("", "")
        .AddField(new string('n', 300), new string('v', 1100))
        .Build();

    [Fact]
    public void Each_text_is_cut_to_its_limit_with_an_ellipsis()
    {
        var builder = new EmbedBuilder().WithTitle(new string('t', 300)).WithDescription("short").AddField(new string('n', 300), new string('v', 1100));
        for (var i = 0; i < 30; i++)
            builder.AddField($"f{i}", "x");

        var embed = builder.Build();

        Assert.Equal(256, embed.Title!.Length);
        Assert.EndsWith("…", embed.Title, StringComparison.Ordinal);
        Assert.Equal(25, embed.Fields!.Count);
        Assert.Equal(256, embed.Fields[0].Name.Length);
        Assert.Equal(1024, embed.Fields[0].Value.Length);
        Assert.Contains("more not shown", embed.Fields[^1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void One_embed_never_exceeds_6000_characters()
    {
        var embed = Oversize();

        Assert.True(MessageFitter.Size(embed) <= 6000);
        Assert.Equal(256, embed.Title!.Length);
        Assert.NotEqual("", embed.Fields![0].Name);
        Assert.EndsWith("…", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_empty_or_holding_only_invisible_characters_shows_a_dash_Discord_accepts()
    {
        var embed = new EmbedBuilder().WithTitle("t").AddField("\u200B", "").AddField("Error", "\u200B\u202E\u2060").Build();

        Assert.Equal([("—", "—"), ("Error", "—")], embed.Fields!.Select(f => (f.Name, f.Value)));
    }

    [Fact]
    public void A_message_keeps_10_embeds_and_6000_characters_across_them()
    {
        var embeds = Enumerable.Range(0, 12).Select(i => new EmbedBuilder().WithTitle($"run {i}").WithDescription(new string('d', 1500)).Build()).ToList();

        var message = MessageFitter.Fit(new MessageContent { Content = new string('c', 2500), Embeds = embeds });

        Assert.Equal(10, message.Embeds!.Count);
        Assert.True(message.Embeds.Sum(MessageFitter.Size) <= 6000);
        Assert.Equal(2000, message.Content!.Length);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 200));

        var fitted = Truncation.Fit(text, 256)!;

        Assert.True(fitted.Length <= 256);
        Assert.False(char.IsHighSurrogate(fitted[^2]) && !char.IsLowSurrogate(fitted[^1]));
        Assert.All(fitted[..^1].Chunk(2), pair => Assert.True(char.IsSurrogatePair(pair[0], pair[1])));
    }

    [Fact]
    public async Task Oversize_embeds_are_sent_as_valid_messages_that_Discord_accepts()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        var embeds = new[] { Oversize(), Oversize(), Oversize() };

        await bot.Rest.CreateMessageAsync(Channel, MessageFitter.Fit(new MessageContent { Embeds = embeds }));

        Assert.Equal(200, fake.Requests.Single().Status);
        Assert.Single(fake.ChannelMessages);
    }

    [Fact]
    public async Task The_fake_rejects_the_same_embeds_when_not_fitted()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordHarness.StartAsync(fake, gateway: false);
        var raw = new Embed { Title = new string('t', 300), Description = new string('d', 5000) };

        var error = await Assert.ThrowsAsync<ApiException>(() => bot.Rest.CreateMessageAsync(Channel, new MessageContent { Embeds = [raw] }));

        Assert.Equal(400, (int)error.StatusCode);
        Assert.Contains("50035", error.Content, StringComparison.Ordinal);
        Assert.Contains("BASE_TYPE_MAX_LENGTH", error.Content, StringComparison.Ordinal);
    }
}
