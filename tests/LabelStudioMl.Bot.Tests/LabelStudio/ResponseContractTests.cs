using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Label Studio's answers, from the shared fixtures, read by our DTOs without losing a field the bot uses.</summary>
public sealed class ResponseContractTests
{
    [Fact]
    public void Connected_backend_reads_every_field_the_bot_shows()
    {
        var backend = Fixtures.Read<MlBackend>("derived/ml-backend.connected.example.json");

        Assert.Equal(7, backend.Id);
        Assert.Equal(MlBackendState.Connected, backend.State);
        Assert.Equal("Connected", backend.ReadableState);
        Assert.Equal("http://ml-backend:9090", backend.Url);
        Assert.Null(backend.ErrorMessage);
        Assert.Equal("yolo", backend.Title);
        Assert.Equal(MlBackendAuthMethod.None, backend.AuthMethod);
        Assert.False(backend.BasicAuthPassIsSet);
        Assert.Equal("0.0.1", backend.ModelVersion);
        Assert.Equal(100.0, backend.Timeout);
        Assert.Equal(new DateTimeOffset(2025, 8, 8, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560), backend.CreatedAt);
        Assert.True(backend.AutoUpdate);
        Assert.Equal(3, backend.Project);
    }

    [Fact]
    public void List_is_a_plain_array_with_every_state_and_the_error_message()
    {
        var list = Fixtures.Read<List<MlBackend>>("derived/ml-list.response.example.json");

        Assert.Equal([MlBackendState.Connected, MlBackendState.Disconnected, MlBackendState.Error], list.Select(b => b.State));
        Assert.True(list[1].AuthMethod.IsBasicAuth);
        Assert.True(list[1].BasicAuthPassIsSet);
        Assert.Equal("500 Server Error: INTERNAL SERVER ERROR for url: http://ml-broken:9090/setup", list[2].ErrorMessage);
        Assert.Equal(0.5, list[2].ExtraParams!["threshold"]!.GetValue<double>());
        Assert.True(list[2].IsInteractive);
    }

    [Fact]
    public void Unknown_states_auth_spellings_and_fields_are_kept_not_fatal()
    {
        var backend = System.Text.Json.JsonSerializer.Deserialize(
            """{"id":1,"state":"QU","auth_method":"BA","basic_auth_pass_is_set":"basic_auth_pass_is_set","project":"4","brand_new_field":{"x":1},"timeout":"12.5"}""",
            LabelStudioMl.Bot.LabelStudio.Json.LabelStudioJsonContext.Default.MlBackend)!;

        Assert.Equal("QU", backend.State.Code);
        Assert.False(backend.State.IsKnown);
        Assert.True(backend.AuthMethod.IsBasicAuth);
        Assert.Equal(new MlBackendAuthMethod("NA"), backend.AuthMethod.InSameSpelling(basicAuth: false));
        Assert.True(backend.BasicAuthPassIsSet);
        Assert.Equal(4, backend.Project);
        Assert.Equal(12.5, backend.Timeout);
    }

    [Fact]
    public void Tavern_list_subset_reads_auto_update_off_and_empty_version()
    {
        var list = Fixtures.Read<List<MlBackend>>("verbatim/ls-tavern-ml-list-auto-update-disabled.expected-response-subset.json");

        var backend = Assert.Single(list);
        Assert.False(backend.AutoUpdate);
        Assert.Equal("", backend.ModelVersion);
        Assert.Equal("http://localhost:9090", backend.Url);
    }

    [Fact]
    public void Patched_model_version_is_read()
    {
        Assert.Equal("2", Fixtures.Read<MlBackend>("verbatim/ls-tavern-ml-patch-model-version.expected-response-subset.json").ModelVersion);
    }

    [Theory]
    [InlineData("derived/ml-versions.ok.response.json", new[] { "1", "2" }, null)]
    [InlineData("verbatim/ls-tavern-ml-versions.expected-response.json", new[] { "1", "2" }, null)]
    [InlineData("derived/ml-versions.backend-has-no-versions-endpoint.response.json", new[] { "0.0.1" }, "Upgrade your ML backend version to latest.")]
    public void Versions_and_the_404_fallback_message_are_read(string fixture, string[] versions, string? message)
    {
        var result = Fixtures.Read<MlBackendVersions>(fixture);

        Assert.Equal(versions, result.Versions);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Interactive_success_carries_the_first_result()
    {
        var result = Fixtures.Read<InteractiveAnnotatingResponse>("derived/interactive.ok.response.json");

        Assert.Null(result.Errors);
        Assert.Equal("0.0.1", result.Data!["model_version"]!.GetValue<string>());
        Assert.Equal("rectanglelabels", result.Data["result"]![0]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("derived/interactive.backend-down.response.json", "Max retries exceeded")]
    [InlineData("derived/interactive.bad-ml-response.response.json", "it must be a dict.")]
    [InlineData("derived/interactive.empty-results.response.json", "more than 1 result.")]
    [InlineData("derived/interactive.not-interactive.response.json", "Model is not set to be used for interactive preannotations")]
    public void Interactive_errors_inside_a_200_are_read(string fixture, string text)
    {
        var result = Fixtures.Read<InteractiveAnnotatingResponse>(fixture);

        Assert.Null(result.Data);
        Assert.Contains(text, Assert.Single(result.Errors!), StringComparison.Ordinal);
    }

    [Fact]
    public void Projects_page_reads_paging_and_project_fields()
    {
        var page = Fixtures.Read<ProjectsPage>("derived/projects-list.page.response.example.json");

        Assert.Equal(2, page.Count);
        Assert.Null(page.Next);
        Assert.Equal(2, page.Results.Count);
        Assert.Equal(3, page.Results[0].Id);
        Assert.Equal("Cars", page.Results[0].Title);
        Assert.Equal(120, page.Results[0].TaskNumber);
    }

    [Fact]
    public void Who_am_i_reads_user_and_organization()
    {
        var user = Fixtures.Read<CurrentUser>("derived/whoami.oss.response.example.json");

        Assert.Equal("admin", user.Username);
        Assert.Equal("admin@example.com", user.Email);
        Assert.Equal("Label Studio", user.ActiveOrganizationMeta!.Title);
    }

    [Theory]
    [InlineData("derived/token-refresh.response.json", "<JWT access token, exp ~5 min>")]
    [InlineData("verbatim/ls-docs-token-refresh.response.json", "your-new-access-token")]
    [InlineData("verbatim/sdk-fern-token-refresh.response.json", "access")]
    public void Token_refresh_answer_reads_the_access_token(string fixture, string access)
    {
        Assert.Equal(access, Fixtures.Read<TokenRefreshResponse>(fixture).Access);
    }
}
