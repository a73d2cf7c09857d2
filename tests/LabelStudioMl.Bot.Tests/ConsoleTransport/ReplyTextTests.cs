using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Transports.Console;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>What a reply looks like on the console.</summary>
public sealed class ReplyTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static string[] Lines(Reply reply) => ReplyText.Render(reply, Now).Split(Environment.NewLine);

    [Fact]
    public void A_card_shows_title_with_its_emoji_description_fields_as_name_value_lines_and_footer()
    {
        var reply = Reply.Of(new CardBuilder()
            .WithTitle("🔴 #12 yolo\\_v8 · Cars")
            .WithDescription("**Error**\n> boom")
            .AddField("State", "🔴 Error", inline: true)
            .AddField("Model version", "v0.0.1", inline: true)
            .WithFooter("Page 1/2")
            .Build());

        Assert.Equal(["🔴 #12 yolo_v8 · Cars", "  Error", "  > boom", "  State: 🔴 Error", "  Model version: v0.0.1", "  — Page 1/2"], Lines(reply));
    }

    [Fact]
    public void Discord_timestamps_read_as_a_relative_time_with_the_UTC_time()
    {
        var reply = Reply.Of(new CardBuilder().WithTitle("t").AddField("Updated", DiscordTimestamp.Relative(Now.AddMinutes(-5))).Build());

        Assert.Contains("  Updated: 5 minutes ago (2026-11-26 11:55:00Z)", Lines(reply));
    }

    [Fact]
    public void Text_above_the_cards_loses_its_direction_changing_and_zero_width_characters_in_the_terminal()
    {
        // A right-to-left override would reorder the rest of the terminal line; a zero-width space hides in a word.
        var reply = new Reply { Content = "Backend ya\u200Bml \u202Eexe.txt\u202C is ready" };

        Assert.Equal(["Backend yaml exe.txt is ready"], Lines(reply));
    }

    [Fact]
    public void Markdown_links_show_their_address()
    {
        var reply = Reply.Of(new CardBuilder().WithTitle("t").WithDescription("See [the docs](https://labelstud.io/guide/ml).").Build());

        Assert.Contains("  See the docs (https://labelstud.io/guide/ml).", Lines(reply));
    }

    [Fact]
    public void Buttons_are_numbered_in_order_and_disabled_ones_are_marked()
    {
        var reply = Reply.Of(new CardBuilder().WithTitle("list").Build()) with
        {
            Buttons = [new Button("ml:page:a:0", "◀ Prev", Disabled: true), new Button("ml:page:a:2", "Next ▶")],
        };

        Assert.Equal("[1] ◀ Prev (disabled)  [2] Next ▶", Lines(reply)[^1]);
    }

    [Fact]
    public void Errors_and_refusals_are_marked_but_a_backend_in_error_is_not()
    {
        var error = ErrorPresenter.InvalidInput("`backend` must be a whole number such as 12, not \"x\".");
        var denied = ErrorPresenter.Denied("You need **admin** access for `/ml add`.");
        var backendInError = Reply.Of(new CardBuilder().WithTitle("🔴 #3 segmenter · Cars").WithSeverity(Severity.Error).Build());

        Assert.Equal("[error] That input does not work", Lines(error)[0]);
        Assert.Equal("  `backend` must be a whole number such as 12, not \"x\".", Lines(error)[1]);
        Assert.Equal(["[denied] Not allowed", "  You need admin access for `/ml add`."], Lines(denied));
        Assert.Equal("🔴 #3 segmenter · Cars", Lines(backendInError)[0]);
    }

    [Fact]
    public void A_field_with_nothing_visible_shows_a_dash_as_on_Discord()
    {
        var reply = Reply.Of(new CardBuilder().WithTitle("t").AddField("Description", "\u200B").Build());

        Assert.Contains("  Description: —", Lines(reply));
    }
}
