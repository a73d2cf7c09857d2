using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Transports.Discord;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Transports;

/// <summary>How the Discord transport renders the product's replies.</summary>
public sealed class DiscordRepliesTests
{
    [Theory]
    [InlineData(Severity.Neutral, 0x7F8C8D)]
    [InlineData(Severity.Good, 0x2ECC71)]
    [InlineData(Severity.Info, 0x3498DB)]
    [InlineData(Severity.Prediction, 0x9B59B6)]
    [InlineData(Severity.Idle, 0x95A5A6)]
    [InlineData(Severity.Warning, 0xE67E22)]
    [InlineData(Severity.Error, 0xE74C3C)]
    public void Each_severity_is_an_embed_colour(Severity severity, int rgb)
    {
        var message = DiscordReplies.ToMessage(Reply.Of(new Card { Title = "t", Severity = severity }));

        Assert.Equal(rgb, Assert.Single(message.Embeds!).Color);
    }

    [Fact]
    public void A_card_without_severity_has_no_colour_and_an_empty_field_shows_a_dash()
    {
        var message = DiscordReplies.ToMessage(Reply.Of(new Card { Title = "t", Fields = [new Field("Description", "")] }));

        var embed = Assert.Single(message.Embeds!);
        Assert.Null(embed.Color);
        Assert.Equal("—", Assert.Single(embed.Fields!).Value);
    }

    [Fact]
    public void Only_the_roles_a_reply_names_may_be_pinged_and_nobody_otherwise()
    {
        var pinging = DiscordReplies.ToMessage(new Reply { Content = "<@&123456789012345678>", PingRoleIds = ["123456789012345678"] });
        var quiet = DiscordReplies.ToMessage(new Reply { Content = "<@&123456789012345678> @everyone" });

        Assert.Equal([Snowflake.Parse("123456789012345678")], pinging.AllowedMentions!.Roles!);
        Assert.Empty(pinging.AllowedMentions.Parse);
        Assert.Null(pinging.AllowedMentions.Users);
        Assert.Same(AllowedMentions.None, quiet.AllowedMentions);
    }

    [Fact]
    public void Buttons_go_in_action_rows_of_five_with_their_style_and_a_private_reply_is_flagged_ephemeral()
    {
        var reply = new Reply
        {
            Ephemeral = true,
            Buttons = [.. Enumerable.Range(1, 6).Select(i => new Button($"ml:page:a:{i}", $"{i}", i == 1 ? ButtonKind.Danger : ButtonKind.Secondary, Disabled: i == 2))],
        };

        var message = DiscordReplies.ToMessage(reply);

        Assert.Equal([5, 1], message.Components!.Select(row => row.Components!.Count));
        Assert.All(message.Components!, row => Assert.Equal(1, row.Type));
        var first = message.Components![0].Components!;
        Assert.Equal((2, 4, "ml:page:a:1"), (first[0].Type, first[0].Style, first[0].CustomId));
        Assert.Equal(2, first[1].Style);
        Assert.True(first[1].Disabled);
        Assert.Null(first[0].Disabled);
        Assert.Equal(MessageContent.EphemeralFlag, message.Flags);
    }

    [Fact]
    public void A_reply_without_cards_or_buttons_clears_both_when_it_edits_a_message()
    {
        var message = DiscordReplies.ToMessage(new Reply { Content = "Canceled" });

        Assert.Empty(message.Embeds!);
        Assert.Empty(message.Components!);
    }

    [Fact]
    public void The_message_a_button_was_pressed_on_comes_back_with_its_embeds_and_every_button_disabled()
    {
        var shown = DiscordReplies.ToMessage(new Reply
        {
            Content = "list",
            Cards = [new Card { Title = "Page 1/3" }],
            Buttons = [new Button("ml:page:a:0", "◀ Prev", Disabled: true), new Button("ml:page:a:2", "Next ▶")],
        });

        var disabled = DiscordReplies.WithButtonsDisabled(new Message { Content = shown.Content, Embeds = shown.Embeds, Components = shown.Components });

        Assert.All(disabled.Components!.SelectMany(row => row.Components!), button => Assert.True(button.Disabled));
        Assert.Equal(shown.Embeds, disabled.Embeds);
        Assert.Equal("list", disabled.Content);
    }
}
