using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.Ui;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class ErrorPresenterTests
{
    private static LabelStudioException Error(LabelStudioErrorKind kind, string message = "It failed.", string? hint = null, int? status = null) =>
        new(kind, message, "GET /api/ml/12", status, hint);

    [Theory]
    [InlineData(LabelStudioErrorKind.ConnectionFailed, "Label Studio is unreachable")]
    [InlineData(LabelStudioErrorKind.HostNotFound, "Label Studio is unreachable")]
    [InlineData(LabelStudioErrorKind.TlsFailure, "Label Studio is unreachable")]
    [InlineData(LabelStudioErrorKind.Forbidden, "Label Studio refused the request")]
    [InlineData(LabelStudioErrorKind.NotFound, "Not found")]
    [InlineData(LabelStudioErrorKind.MlBackendError, "The ML backend failed")]
    [InlineData(LabelStudioErrorKind.Validation, "Label Studio refused the input")]
    [InlineData(LabelStudioErrorKind.Unauthorized, "Label Studio refused the bot's credentials")]
    [InlineData(LabelStudioErrorKind.LegacyTokensDisabled, "Label Studio refused the bot's credentials")]
    [InlineData(LabelStudioErrorKind.PersonalAccessTokenRejected, "Label Studio refused the bot's credentials")]
    [InlineData(LabelStudioErrorKind.ServerError, "Label Studio failed")]
    [InlineData(LabelStudioErrorKind.PredictionFailed, "No prediction came back")]
    [InlineData(LabelStudioErrorKind.Timeout, "Label Studio did not answer in time")]
    [InlineData(LabelStudioErrorKind.NotLabelStudio, "That is not Label Studio")]
    [InlineData(LabelStudioErrorKind.UnexpectedResponse, "Label Studio answered unexpectedly")]
    public void Each_kind_of_failure_has_its_short_title_in_an_ephemeral_red_embed(LabelStudioErrorKind kind, string title)
    {
        var reply = ErrorPresenter.From(Error(kind));

        Assert.True(reply.Ephemeral);
        var embed = Assert.Single(reply.Cards);
        Assert.Equal(title, embed.Title);
        Assert.Equal(Severity.Error, embed.Severity);
        Assert.Equal("It failed.", embed.Description);
    }

    [Fact]
    public void Every_kind_has_a_title_of_its_own_words()
    {
        Assert.All(Enum.GetValues<LabelStudioErrorKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(ErrorPresenter.TitleOf(kind))));
    }

    [Fact]
    public void Label_Studios_html_link_shows_its_address_as_plain_text()
    {
        var message = "Can't connect to ML backend http://ml-down:9090, health check failed. "
            + "<a href=\"https://labelstud.io/guide/ml.html\">Learn more</a> about how to set up an ML backend.";

        var text = ErrorPresenter.From(Error(LabelStudioErrorKind.Validation, message)).Cards[0].Description!;

        Assert.Contains("Learn more (`https://labelstud.io/guide/ml.html`) about how", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_cannot_hide_its_address_behind_other_text()
    {
        var message = "Sign in again at <a href=\"https://evil.example/login\">[https://labelstud.io](https://labelstud.io)</a>.";

        var text = ErrorPresenter.From(Error(LabelStudioErrorKind.Unauthorized, message)).Cards[0].Description!;

        Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
        Assert.Contains("(`https://evil.example/login`)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hint_is_a_What_to_do_field_with_underscores_kept_visible()
    {
        var reply = ErrorPresenter.From(Error(LabelStudioErrorKind.ConnectionFailed, hint: "Check LabelStudio__Url."));

        var field = Assert.Single(reply.Cards[0].Fields);
        Assert.Equal("What to do", field.Name);
        Assert.Equal(@"Check LabelStudio\_\_Url.", field.Value);
    }

    [Fact]
    public void Without_a_hint_there_is_no_field()
    {
        Assert.Empty(ErrorPresenter.From(Error(LabelStudioErrorKind.NotFound)).Cards[0].Fields);
    }

    [Fact]
    public void The_footer_names_the_failed_request_and_its_status()
    {
        var reply = ErrorPresenter.From(Error(LabelStudioErrorKind.NotFound, status: 404));

        Assert.Equal("GET /api/ml/12 · 404", reply.Cards[0].Footer);
    }

    [Fact]
    public void Credentials_in_a_url_inside_the_message_are_removed()
    {
        var reply = ErrorPresenter.From(Error(LabelStudioErrorKind.MlBackendError, "401 for url: http://bot:hunter2@ml:9090/setup"));

        Assert.DoesNotContain("hunter2", reply.Cards[0].Description, StringComparison.Ordinal);
        Assert.Contains("http://ml:9090/setup", reply.Cards[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_failure_gives_only_a_reference_the_operator_can_find()
    {
        var reply = ErrorPresenter.Unexpected("c0ffee12");

        Assert.True(reply.Ephemeral);
        Assert.Contains("`c0ffee12`", reply.Cards[0].Description, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, reply.Cards[0].Severity);
    }

    [Fact]
    public void Invalid_input_and_denied_are_ephemeral_and_carry_the_reason()
    {
        var invalid = ErrorPresenter.InvalidInput("backend must be a number");
        var denied = ErrorPresenter.Denied("You need the operate level.");

        Assert.True(invalid.Ephemeral);
        Assert.True(denied.Ephemeral);
        Assert.Equal("backend must be a number", invalid.Cards[0].Description);
        Assert.Equal("You need the operate level.", denied.Cards[0].Description);
        Assert.NotEqual(invalid.Cards[0].Title, denied.Cards[0].Title);
    }
}
