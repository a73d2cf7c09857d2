using System.Text.Json;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Transports.Discord;
using LabelStudioMl.Bot.Ui;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Tests.Presentation;

public sealed class BackendDetailTests
{
    private readonly BackendPresenter _presenter = new(Options.Create(new LabelStudioSettings { Url = Backends.LabelStudioUrl }));

    [Fact]
    public void Title_is_short_with_state_emoji_id_backend_title_and_project_title()
    {
        var embed = _presenter.Detail(Backends.Connected(), Backends.Cars);

        Assert.Equal("🟢 #12 yolo-v8 · Cars", embed.Title);
    }

    [Fact]
    public void Title_names_the_project_by_id_when_the_project_is_unknown()
    {
        var embed = _presenter.Detail(Backends.Connected(), project: null);

        Assert.Equal("🟢 #12 yolo-v8 · project 3", embed.Title);
    }

    [Fact]
    public void Backend_in_error_is_red_and_shows_the_error_message()
    {
        var embed = _presenter.Detail(Backends.InError(), Backends.Cars);

        Assert.Equal(Severity.Error, embed.Severity);
        Assert.StartsWith("🔴", embed.Title, StringComparison.Ordinal);
        Assert.Contains("**Error**", embed.Description, StringComparison.Ordinal);
        Assert.Contains("500 Server Error: INTERNAL SERVER ERROR", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_error_message_is_cut_with_an_ellipsis_instead_of_filling_the_card()
    {
        var embed = _presenter.Detail(Backends.InError(error: new string('x', 5000)), Backends.Cars);

        Assert.InRange(embed.Description!.Length, 100, BackendPresenter.DetailErrorLength + 100);
        Assert.Contains("…", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disconnected_backend_with_a_stale_error_calls_it_the_last_error()
    {
        var backend = Backends.Disconnected() with { ErrorMessage = "setup failed" };

        var embed = _presenter.Detail(backend, Backends.Cars);

        Assert.Equal(Severity.Idle, embed.Severity);
        Assert.Contains("**Last error**", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_has_at_most_six_fields_with_state_version_url_interactive_auth_and_updated()
    {
        var embed = _presenter.Detail(Backends.Connected(), Backends.Cars);

        Assert.InRange(embed.Fields.Count, 1, 6);
        var fields = embed.Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("🟢 Connected", fields["State"]);
        Assert.Equal("0.0.1", fields["Model version"]);
        Assert.Equal("`http://ml-backend:9090`", fields["URL"]);
        Assert.Equal("no", fields["Interactive"]);
        Assert.Equal("none", fields["Auth"]);
        Assert.Equal("<t:1754654401:R>", fields["Updated"]);
    }

    [Fact]
    public void Basic_auth_shows_the_user_and_no_secret_even_when_the_url_and_error_carry_credentials()
    {
        var backend = Backends.InError(error: "401 Unauthorized for url: http://bot:s3cret-pass@ml:9090/setup") with
        {
            AuthMethod = MlBackendAuthMethod.BasicAuth,
            BasicAuthUser = "bot",
            BasicAuthPassIsSet = true,
            Url = "http://bot:s3cret-pass@ml:9090",
        };

        var embed = _presenter.Detail(backend, Backends.Cars);

        Assert.Equal("basic as `bot`", embed.Fields.Single(f => f.Name == "Auth").Value);
        var wire = JsonSerializer.Serialize(DiscordReplies.ToMessage(Reply.Of(embed)));
        Assert.DoesNotContain("s3cret", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("password", wire, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Basic_auth_chosen_in_the_short_spelling_without_a_stored_password_is_shown_as_nothing_sent()
    {
        var chosen = Backends.Connected() with { AuthMethod = new MlBackendAuthMethod("BA"), BasicAuthUser = "svc" };
        var stored = chosen with { BasicAuthPassIsSet = true };

        Assert.StartsWith("none: basic auth is chosen", _presenter.Detail(chosen, Backends.Cars).Fields.Single(f => f.Name == "Auth").Value, StringComparison.Ordinal);
        Assert.Equal("basic as `svc`", _presenter.Detail(stored, Backends.Cars).Fields.Single(f => f.Name == "Auth").Value);
    }

    [Fact]
    public void Embed_links_to_the_project_in_Label_Studio_without_a_double_slash()
    {
        var embed = _presenter.Detail(Backends.Connected(), Backends.Cars);

        Assert.Equal("https://ls.example.com/projects/3", embed.Url);
    }

    [Fact]
    public void No_link_is_made_when_the_Label_Studio_url_is_not_configured()
    {
        var embed = new BackendPresenter("").Detail(Backends.Connected(), Backends.Cars);

        Assert.Null(embed.Url);
    }

    [Fact]
    public void Markdown_in_names_is_escaped_so_it_shows_as_typed()
    {
        var backend = Backends.Connected() with { ModelVersion = "model_v*2" };

        var embed = _presenter.Detail(backend, Backends.Cars);

        Assert.Equal(@"model\_v\*2", embed.Fields.Single(f => f.Name == "Model version").Value);
    }

    [Fact]
    public void Every_backend_of_the_example_list_gives_a_card_within_Discord_limits()
    {
        foreach (var backend in Backends.FromFixture())
            DiscordLimitsAssert.Fits(Reply.Of(_presenter.Detail(backend, Backends.Cars)));
    }

    [Fact]
    public void The_example_backend_with_basic_auth_shows_its_user()
    {
        var backend = Backends.FromFixture().Single(b => b.Id == 8);

        var embed = _presenter.Detail(backend, Backends.Cars);

        Assert.Equal("⚪ #8 down-model · Cars", embed.Title);
        Assert.Equal("basic as `bot`", embed.Fields.Single(f => f.Name == "Auth").Value);
    }
}
