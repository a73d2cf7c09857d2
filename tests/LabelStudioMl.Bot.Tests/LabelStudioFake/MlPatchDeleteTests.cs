using System.Net;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class MlPatchDeleteTests
{
    [Fact]
    public async Task Patch_without_url_answers_500_like_Label_Studio()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PatchAsync($"api/ml/{backend.Id}", Json("{\"title\":\"renamed\"}"));

        await AssertMatchesFixtureAsync(response, 500, "error-500.ml-patch.without-url.json");
        Assert.Equal("default", backend.Title);
    }

    [Fact]
    public async Task Patch_with_url_but_without_project_checks_health_then_answers_500()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PatchAsync($"api/ml/{backend.Id}", Json(new JsonObject { ["url"] = ml.Url.ToString() }));
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("MLBackend.setup_() missing 1 required positional argument: 'project'", json["detail"]!.GetValue<string>());
        Assert.Equal(["GET /health"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Patch_with_url_and_project_applies_the_fields_and_answers_200()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url, "yolo");
        project.ModelVersion = "yolo";
        using var client = Client(ls);
        var request = Fixture("ml-patch.safe.request.json").AsObject();
        request["project"] = project.Id;
        request["url"] = ml.Url.ToString().TrimEnd('/');

        using var response = await client.PatchAsync($"api/ml/{backend.Id}", Json(request));

        var json = await AssertShapeOfFixtureAsync(response, 200, "ml-backend.connected.example.json");
        Assert.Equal("yolo-v2", json["title"]!.GetValue<string>());
        Assert.True(json["is_interactive"]!.GetValue<bool>());
        Assert.Equal("yolo-v2", project.ModelVersion);
        Assert.Equal(["GET /health", "POST /setup", "GET /health", "POST /setup"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Patch_model_version_sticks_only_with_auto_update_off()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        using var client = Client(ls);

        using var overwritten = await client.PatchAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["model_version"] = "2", ["url"] = ml.Url.ToString(), ["project"] = project.Id }));
        using var pinned = await client.PatchAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["model_version"] = "2", ["auto_update"] = false, ["url"] = ml.Url.ToString(), ["project"] = project.Id }));

        var first = await ReadJsonAsync(overwritten);
        Assert.True(overwritten.StatusCode == HttpStatusCode.OK, first.ToJsonString());
        Assert.Equal("0.0.1", first["model_version"]!.GetValue<string>());
        JsonContract.AssertMatches(Verbatim("ls-tavern-ml-patch-model-version.expected-response-subset.json")["model_version"],
            (await ReadJsonAsync(pinned))["model_version"]);
    }

    [Fact]
    public async Task Patch_to_an_unreachable_url_answers_400_health_check_failed()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        await ml.StopAsync();
        using var client = Client(ls);

        using var response = await client.PatchAsync($"api/ml/{backend.Id}", Json(new JsonObject { ["url"] = backend.Url, ["project"] = project.Id }));

        await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.healthcheck-failed.json");
    }

    [Fact]
    public async Task Patch_of_a_basic_auth_backend_without_credentials_cannot_authenticate()
    {
        await using var ls = await StartAsync();
        var (ml, project, backend) = await StoringCredentialsAsync(ls, "BASIC_AUTH", mlServerRequiresThem: true);
        using var client = Client(ls);

        using var withoutAuth = await client.PatchAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["url"] = ml.Url.ToString(), ["project"] = project.Id }));
        using var keepingPassword = await client.PatchAsync($"api/ml/{backend.Id}", Json(new JsonObject
        {
            ["url"] = ml.Url.ToString(),
            ["project"] = project.Id,
            ["auth_method"] = "BASIC_AUTH",
            ["basic_auth_user"] = "bot",
            ["basic_auth_pass"] = "",
        }));

        await AssertMatchesFixtureAsync(withoutAuth, 400, "error-400.ml-create.healthcheck-401.json");
        var json = await ReadJsonAsync(keepingPassword);
        Assert.Equal(HttpStatusCode.OK, keepingPassword.StatusCode);
        Assert.True(json["basic_auth_pass_is_set"]!.GetValue<bool>());
        Assert.Equal("s3cret", backend.BasicAuthPass);
    }

    [Fact]
    public async Task Basic_auth_goes_out_whenever_a_user_and_password_are_stored_even_with_auth_method_NONE()
    {
        await using var ls = await StartAsync();
        var (ml, _, backend) = await StoringCredentialsAsync(ls, "NONE", mlServerRequiresThem: true);
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}");
        var json = await ReadJsonAsync(response);

        Assert.Equal("NONE", json["auth_method"]!.GetValue<string>());
        Assert.Equal("CO", json["state"]!.GetValue<string>());
        Assert.All(ml.Requests, r => Assert.StartsWith("Basic ", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patch_to_NONE_stops_basic_auth_only_with_an_empty_user_and_the_password_stays_stored()
    {
        await using var ls = await StartAsync();
        var (ml, project, backend) = await StoringCredentialsAsync(ls, "BASIC_AUTH", mlServerRequiresThem: false);
        using var client = Client(ls);
        JsonObject Off(bool emptyUserAndPassword)
        {
            var body = new JsonObject { ["url"] = ml.Url.ToString(), ["project"] = project.Id, ["auth_method"] = "NONE" };
            if (emptyUserAndPassword)
            {
                body["basic_auth_user"] = "";
                body["basic_auth_pass"] = ""; // the stored password: it cannot be cleared
            }

            return body;
        }

        using var methodOnly = await client.PatchAsync($"api/ml/{backend.Id}", Json(Off(emptyUserAndPassword: false)));
        var afterMethodOnly = ml.Requests.Count(r => r.Headers.ContainsKey("Authorization"));
        ml.ClearRequests();
        using var emptyUser = await client.PatchAsync($"api/ml/{backend.Id}", Json(Off(emptyUserAndPassword: true)));
        var json = await ReadJsonAsync(emptyUser);

        Assert.Equal(HttpStatusCode.OK, methodOnly.StatusCode);
        Assert.Equal(2, afterMethodOnly); // the refresh after saving: the PATCH's own checks saw no credentials
        Assert.Equal(HttpStatusCode.OK, emptyUser.StatusCode);
        Assert.DoesNotContain(ml.Requests, r => r.Headers.ContainsKey("Authorization"));
        Assert.Equal("", json["basic_auth_user"]!.GetValue<string>());
        Assert.True(json["basic_auth_pass_is_set"]!.GetValue<bool>());
        Assert.Equal("s3cret", backend.BasicAuthPass);
    }

    [Fact]
    public async Task Patch_without_extra_params_runs_its_setup_check_without_them()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        backend.ExtraParams = new JsonObject { ["threshold"] = 0.5 };
        using var client = Client(ls);

        using var response = await client.PatchAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["url"] = ml.Url.ToString(), ["project"] = project.Id, ["title"] = "renamed" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setups = ml.Requests.Where(r => r.Path == "/setup").Select(r => JsonNode.Parse(r.Body)!["extra_params"]).ToList();
        Assert.Equal(2, setups.Count);
        Assert.Null(setups[0]); // validate(): setup_(**attrs) with the sent fields only
        Assert.Equal(0.5, setups[1]!["threshold"]!.GetValue<double>()); // update_state() after saving: the stored ones
    }

    [Fact]
    public async Task Patch_with_an_empty_password_when_none_is_stored_answers_400_even_for_NONE()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PatchAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["url"] = ml.Url.ToString(), ["project"] = project.Id, ["basic_auth_pass"] = "" }));

        await AssertMatchesFixtureAsync(response, 400, "error-400.ml-patch.empty-basic-auth-pass.json");
    }

    [Fact]
    public async Task Put_behaves_like_patch()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PutAsync($"api/ml/{backend.Id}",
            Json(new JsonObject { ["url"] = ml.Url.ToString(), ["project"] = project.Id, ["description"] = "d" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("d", backend.Description);
    }

    [Fact]
    public async Task Delete_answers_204_with_no_body_resets_the_project_model_version_and_keeps_the_webhook()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);
        var created = await CreateBackendAsync(client, project.Id, ml.Url, "yolo");
        var id = created["id"]!.GetValue<int>();
        ml.ClearRequests();

        using var response = await client.DeleteAsync($"api/ml/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(ls.FindBackend(id));
        Assert.Equal("", project.ModelVersion);
        Assert.Single(ls.Webhooks);
        Assert.Equal(["GET /health", "POST /setup"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Delete_of_a_down_backend_still_succeeds()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        ml.Health = MlServerHealth.Down;
        using var client = Client(ls);

        using var response = await client.DeleteAsync($"api/ml/{backend.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>A backend storing user <c>bot</c> and password <c>s3cret</c> under <paramref name="authMethod"/>, on a new ML server.</summary>
    private static async Task<(FakeMlServer Ml, FakeProject Project, FakeBackend Backend)> StoringCredentialsAsync(
        FakeLs ls, string authMethod, bool mlServerRequiresThem)
    {
        var ml = await ls.StartMlServerAsync();
        if (mlServerRequiresThem)
        {
            ml.BasicAuthUser = "bot";
            ml.BasicAuthPassword = "s3cret";
        }

        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        backend.AuthMethod = authMethod;
        backend.BasicAuthUser = "bot";
        backend.BasicAuthPass = "s3cret";
        return (ml, project, backend);
    }
}
