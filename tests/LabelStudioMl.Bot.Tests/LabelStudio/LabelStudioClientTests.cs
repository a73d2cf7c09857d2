using System.Text.Json.Nodes;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>The client against FakeLabelStudio and real fake ML servers: every endpoint, its quirks and its failures.</summary>
public sealed class LabelStudioClientTests : IAsyncLifetime
{
    private FakeLabelStudio _ls = null!;
    private FakeMlServer _ml = null!;
    private FakeProject _project = null!;

    public async Task InitializeAsync()
    {
        _ls = await FakeLabelStudio.StartAsync();
        _ml = await _ls.StartMlServerAsync();
        _project = _ls.AddProject("Cars");
    }

    public async Task DisposeAsync() => await _ls.DisposeAsync();

    [Fact]
    public async Task List_shows_each_backend_in_the_state_Label_Studio_found()
    {
        var down = await _ls.StartMlServerAsync();
        var up = _ls.AddBackend(_project.Id, _ml.Url, "yolo");
        var dead = _ls.AddBackend(_project.Id, down.Url, "dead");
        await down.StopAsync();
        await using var harness = LabelStudioHarness.Create(_ls);

        var list = await harness.Client.ListBackendsAsync(_project.Id);

        Assert.Equal([up.Id, dead.Id], list.Select(b => b.Id));
        Assert.Equal(MlBackendState.Connected, list[0].State);
        Assert.Equal(MlBackendState.Disconnected, list[1].State);
    }

    [Fact]
    public async Task List_of_an_unknown_project_is_not_found()
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.ListBackendsAsync(999));

        Assert.Equal(LabelStudioErrorKind.NotFound, error.Kind);
        Assert.Equal("Project #999 was not found: it does not exist, or the bot's Label Studio user cannot see it.", error.Message);
    }

    [Fact]
    public async Task All_backends_come_from_every_project()
    {
        var other = _ls.AddProject("Bikes");
        _ls.AddBackend(_project.Id, _ml.Url, "a");
        _ls.AddBackend(other.Id, _ml.Url, "b");
        await using var harness = LabelStudioHarness.Create(_ls);

        var all = await harness.Client.ListAllBackendsAsync();

        Assert.Equal(["a", "b"], all.Select(b => b.Title));
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_not_found_although_the_404_is_an_html_page()
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.GetBackendAsync(4242));

        Assert.Equal(LabelStudioErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("/ml list", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_creates_a_connected_backend_with_the_model_version_from_setup()
    {
        _ml.ModelVersion = "7.1";
        await using var harness = LabelStudioHarness.Create(_ls);

        var backend = await harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = _project.Id, Url = _ml.Url.ToString().TrimEnd('/'), Title = "yolo v8" });

        Assert.Equal(MlBackendState.Connected, backend.State);
        Assert.Equal("7.1", backend.ModelVersion);
        Assert.Equal("yolo v8", _ls.FindBackend(backend.Id)!.Title);
        Assert.Equal(4, _ml.Requests.Count(r => r.Path is "/health" or "/setup"));
    }

    [Fact]
    public async Task Add_with_an_empty_password_does_not_send_it()
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        await harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = _project.Id, Url = _ml.Url.ToString(), BasicAuthPass = "" });

        Assert.DoesNotContain("basic_auth_pass", _ls.Requests.Single(r => r.Method == "POST").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_of_an_unreachable_ml_server_keeps_Label_Studios_text_and_explains()
    {
        await _ml.StopAsync();
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() =>
            harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = _project.Id, Url = _ml.Url.ToString() }));

        Assert.Equal(LabelStudioErrorKind.Validation, error.Kind);
        Assert.StartsWith("Can't connect to ML backend", error.Message, StringComparison.Ordinal);
        Assert.Contains("health check failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("reachable from the Label Studio server", error.Hint, StringComparison.Ordinal);
        Assert.Single(_ls.Requests, r => r.Method == "POST"); // a write is never retried
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9090", LabelStudioErrorKind.Forbidden, 403, "URLs must begin with http:// or https://")]
    [InlineData("http://ml-typo:9090", LabelStudioErrorKind.ServerError, 500, "Can't resolve hostname ml-typo")]
    public async Task Add_with_a_bad_url_reports_Label_Studios_odd_statuses(string url, LabelStudioErrorKind kind, int status, string text)
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() =>
            harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = _project.Id, Url = url }));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_with_basic_auth_but_no_credentials_is_a_validation_error()
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.AddBackendAsync(
            new MlBackendCreateRequest { Project = _project.Id, Url = _ml.Url.ToString(), AuthMethod = MlBackendAuthMethod.BasicAuth }));

        Assert.Equal("Authentication username and password is required for Basic Authentication.", error.Message);
    }

    [Fact]
    public async Task Update_reads_first_and_always_sends_url_and_project()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url, "old");
        await using var harness = LabelStudioHarness.Create(_ls);

        var updated = await harness.Client.UpdateBackendAsync(backend.Id, new MlBackendChanges { Title = "new" });

        Assert.Equal("new", updated.Title);
        var patch = JsonNode.Parse(_ls.Requests.Single(r => r.Method == "PATCH").Body)!;
        Assert.Equal(_project.Id, patch["project"]!.GetValue<int>());
        Assert.Equal(backend.Url, patch["url"]!.GetValue<string>());
        Assert.Equal(["GET", "PATCH"], _ls.Requests.Where(r => r.Path == $"/api/ml/{backend.Id}").Select(r => r.Method));
    }

    [Fact]
    public async Task Update_of_a_basic_auth_backend_keeps_its_stored_password()
    {
        _ml.BasicAuthUser = "bot";
        _ml.BasicAuthPassword = "pw-stored";
        var backend = _ls.AddBackend(_project.Id, _ml.Url, "guarded");
        backend.AuthMethod = "BASIC_AUTH";
        backend.BasicAuthUser = "bot";
        backend.BasicAuthPass = "pw-stored";
        await using var harness = LabelStudioHarness.Create(_ls);

        var updated = await harness.Client.UpdateBackendAsync(backend.Id, new MlBackendChanges { Title = "guarded-2" });

        Assert.Equal("guarded-2", updated.Title);
        Assert.Equal(MlBackendState.Connected, updated.State);
        Assert.Equal("pw-stored", _ls.FindBackend(backend.Id)!.BasicAuthPass);
        Assert.DoesNotContain("pw-stored", _ls.Requests.Single(r => r.Method == "PATCH").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_deletes_and_the_backend_is_gone()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await using var harness = LabelStudioHarness.Create(_ls);

        await harness.Client.RemoveBackendAsync(backend.Id);

        Assert.Null(_ls.FindBackend(backend.Id));
        Assert.Equal(LabelStudioErrorKind.NotFound, (await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.GetBackendAsync(backend.Id))).Kind);
    }

    [Fact]
    public async Task The_project_webhook_Label_Studio_created_for_a_backend_is_listed_and_removed()
    {
        await using var harness = LabelStudioHarness.Create(_ls);
        var backend = await harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = _project.Id, Url = _ml.Url.ToString() });
        await harness.Client.RemoveBackendAsync(backend.Id);

        var webhook = Assert.Single(await harness.Client.ListWebhooksAsync(_project.Id));
        await harness.Client.RemoveWebhookAsync(webhook.Id);

        Assert.True(webhook.IsCreatedForMlBackend(_ml.Url.ToString()));
        Assert.Equal(_project.Id, webhook.Project);
        Assert.Empty(_ls.Webhooks);
        Assert.Contains(_ls.Requests, r => r.Method == "DELETE" && r.Path == $"/api/webhooks/{webhook.Id}/");
    }

    [Fact]
    public async Task Train_returns_when_training_ends_and_the_next_read_shows_the_new_version()
    {
        _ml.TrainingDuration = TimeSpan.FromMilliseconds(300);
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await using var harness = LabelStudioHarness.Create(_ls);

        await harness.Client.TrainAsync(backend.Id);

        Assert.Equal(1, _ml.TrainingsCompleted);
        Assert.Equal("0.0.2", (await harness.Client.GetBackendAsync(backend.Id)).ModelVersion);
    }

    [Fact]
    public async Task Train_of_a_dead_ml_server_succeeds_on_the_wire_and_leaves_the_backend_in_error()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await _ml.StopAsync();
        await using var harness = LabelStudioHarness.Create(_ls);

        await harness.Client.TrainAsync(backend.Id);

        Assert.Equal("ER", _ls.FindBackend(backend.Id)!.State);
        Assert.Contains("Max retries exceeded", _ls.FindBackend(backend.Id)!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_that_outlasts_its_time_limit_times_out_and_is_not_retried()
    {
        _ml.TrainingDuration = TimeSpan.FromSeconds(3);
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await using var harness = LabelStudioHarness.Create(_ls, settings: new Dictionary<string, string?> { ["LabelStudio:TrainTimeout"] = "00:00:00.300" });

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.TrainAsync(backend.Id));

        Assert.Equal(LabelStudioErrorKind.Timeout, error.Kind);
        Assert.Contains($"POST /api/ml/{backend.Id}/train within 0.3 s", error.Message, StringComparison.Ordinal);
        // Not retried: at most the one call. On a machine busy with the whole suite, the client can give up before the
        // stand-in has even read the request (it records a request once its body is read), so none is possible too.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.InRange(_ls.Requests.Count(r => r.Path.EndsWith("/train", StringComparison.Ordinal)), 0, 1);
    }

    [Fact]
    public async Task Versions_fall_back_to_the_stored_version_when_the_ml_server_has_no_route()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        backend.ModelVersion = "0.0.1";
        await using var harness = LabelStudioHarness.Create(_ls);

        var versions = await harness.Client.GetVersionsAsync(backend.Id);

        Assert.Equal(["0.0.1"], versions.Versions);
        Assert.Equal("Upgrade your ML backend version to latest.", versions.Message);
    }

    [Fact]
    public async Task Versions_pass_through_the_ml_servers_list()
    {
        _ml.Versions = ["1", "2"];
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await using var harness = LabelStudioHarness.Create(_ls);

        Assert.Equal(["1", "2"], (await harness.Client.GetVersionsAsync(backend.Id)).Versions);
    }

    [Fact]
    public async Task A_401_from_the_ml_server_behind_versions_is_its_error_not_ours()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        _ml.Health = MlServerHealth.Unauthorized;
        await using var harness = LabelStudioHarness.Create(_ls, _ls.CreatePersonalAccessToken());

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.GetVersionsAsync(backend.Id));

        Assert.Equal(LabelStudioErrorKind.MlBackendError, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("401 Client Error", error.Message, StringComparison.Ordinal);
        Assert.Contains("basic-auth", error.Hint, StringComparison.Ordinal);
        Assert.Equal(1, _ls.TokenRefreshCount);
    }

    [Fact]
    public async Task Versions_of_a_dead_ml_server_report_the_connection_error()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await _ml.StopAsync();
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.GetVersionsAsync(backend.Id));

        Assert.Equal(LabelStudioErrorKind.MlBackendError, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("Max retries exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_returns_the_first_result()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        backend.IsInteractive = true;
        var task = _ls.AddTask(_project.Id);
        _ml.PredictResponse = JsonNode.Parse("""{"results":[{"result":[{"type":"choices"}],"score":0.75}]}""");
        await using var harness = LabelStudioHarness.Create(_ls);

        var data = await harness.Client.PredictAsync(backend.Id, task, new JsonObject { ["hint"] = "x" });

        Assert.Equal(0.75, data!["score"]!.GetValue<double>());
        Assert.Contains("\"hint\":\"x\"", _ml.Requests.Single(r => r.Path == "/predict").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_errors_inside_a_200_become_an_error_with_a_fix()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        var task = _ls.AddTask(_project.Id);
        await using var harness = LabelStudioHarness.Create(_ls);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.PredictAsync(backend.Id, task, null));

        Assert.Equal(LabelStudioErrorKind.PredictionFailed, error.Kind);
        Assert.Equal("Model is not set to be used for interactive preannotations", error.Message);
        Assert.Contains("interactive:true", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_are_read_across_pages_and_filtered_by_title()
    {
        for (var i = 0; i < 230; i++)
            _ls.AddProject(i % 10 == 0 ? $"Special {i}" : $"Plain {i}");
        await using var harness = LabelStudioHarness.Create(_ls);

        Assert.Equal(231, (await harness.Client.GetProjectsAsync()).Count);
        Assert.Equal(23, (await harness.Client.GetProjectsAsync("special")).Count);
        Assert.Equal(3, _ls.Requests.Count(r => r.Path == "/api/projects/" && r.PathAndQuery.Contains("page_size=100", StringComparison.Ordinal) && !r.PathAndQuery.Contains("title", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Who_am_i_names_the_user_and_organization()
    {
        await using var harness = LabelStudioHarness.Create(_ls);

        var user = await harness.Client.WhoAmIAsync();

        Assert.False(string.IsNullOrEmpty(user.Username));
        Assert.NotNull(user.ActiveOrganizationMeta?.Title);
    }

    [Fact]
    public async Task Every_request_body_is_JSON()
    {
        var backend = _ls.AddBackend(_project.Id, _ml.Url);
        await using var harness = LabelStudioHarness.Create(_ls, _ls.CreatePersonalAccessToken());

        await harness.Client.UpdateBackendAsync(backend.Id, new MlBackendChanges { Description = "d" });
        await harness.Client.TrainAsync(backend.Id);

        Assert.All(_ls.Requests.Where(r => r.Method is "POST" or "PATCH"), r =>
        {
            Assert.StartsWith("application/json", r.Headers.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value, StringComparison.Ordinal);
            Assert.IsType<JsonObject>(JsonNode.Parse(r.Body));
        });
    }
}
