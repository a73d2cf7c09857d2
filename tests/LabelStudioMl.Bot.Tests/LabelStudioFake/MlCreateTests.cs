using System.Net;
using System.Text.Json.Nodes;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class MlCreateTests
{
    [Fact]
    public async Task Create_answers_201_with_the_full_backend_in_Meta_fields_order()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.ModelVersion = "0.0.7";
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject
        {
            ["project"] = project.Id,
            ["url"] = ml.Url.ToString().TrimEnd('/'),
            ["title"] = "yolo",
        }));

        var json = await AssertShapeOfFixtureAsync(response, 201, "ml-backend.connected.example.json");
        var expectedOrder = Fixture("ml-backend.connected.example.json").AsObject().Select(kv => kv.Key);
        Assert.Equal(expectedOrder, json.AsObject().Select(kv => kv.Key));
        Assert.Equal("0.0.7", json["model_version"]!.GetValue<string>());
        Assert.Contains("\"timeout\":100.0", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("CO", ls.FindBackend(json["id"]!.GetValue<int>())!.State);
    }

    [Fact]
    public async Task Create_makes_exactly_four_ML_calls_health_setup_health_setup()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars", "<View><Image name=\"image\" value=\"$image\"/></View>");
        using var client = Client(ls);

        await CreateBackendAsync(client, project.Id, ml.Url);

        Assert.Equal(["GET /health", "POST /setup", "GET /health", "POST /setup"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
        var setup = JsonNode.Parse(ml.Requests[1].Body)!;
        JsonContract.AssertSameShape(Fixture("outbound.ls-to-ml.setup.request.json"), setup);
        Assert.Equal($"{project.Id}.{project.CreatedAt.ToUnixTimeSeconds()}", setup["project"]!.GetValue<string>());
        Assert.Equal(project.LabelConfig, setup["schema"]!.GetValue<string>());
        Assert.Equal("http://localhost:8080", setup["hostname"]!.GetValue<string>());
        Assert.Equal(ls.LegacyToken, setup["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_registers_one_project_webhook_per_url_and_names_the_project_model_version()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        await CreateBackendAsync(client, project.Id, ml.Url, "yolo");
        await CreateBackendAsync(client, project.Id, ml.Url, "second");

        var webhook = Assert.Single(ls.Webhooks);
        Assert.Equal(ml.Url.ToString().TrimEnd('/') + "/webhook", webhook.Url);
        Assert.Equal("yolo", project.ModelVersion);
    }

    [Fact]
    public async Task Create_applies_documented_defaults_and_never_returns_the_password()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.BasicAuthUser = "bot";
        ml.BasicAuthPassword = "s3cret";
        var project = ls.AddProject("Cars");
        using var client = Client(ls);
        var request = Fixture("ml-create.full.request.json").AsObject();
        request["project"] = project.Id;
        request["url"] = ml.Url.ToString().TrimEnd('/');

        using var response = await client.PostAsync("api/ml/", Json(request));
        var json = await AssertShapeOfFixtureAsync(response, 201, "ml-backend.connected.example.json");
        var minimal = await CreateBackendAsync(Client(ls), ls.AddProject("Other").Id, (await ls.StartMlServerAsync()).Url);

        Assert.False(json.AsObject().ContainsKey("basic_auth_pass"));
        Assert.True(json["basic_auth_pass_is_set"]!.GetValue<bool>());
        Assert.Equal("BASIC_AUTH", json["auth_method"]!.GetValue<string>());
        Assert.Equal(0.5, json["extra_params"]!["threshold"]!.GetValue<double>());
        Assert.All(ml.Requests, r => Assert.StartsWith("Basic ", r.Headers["Authorization"], StringComparison.Ordinal));
        Assert.Equal("default", minimal["title"]!.GetValue<string>());
        Assert.Equal("NONE", minimal["auth_method"]!.GetValue<string>());
        Assert.Equal("", minimal["basic_auth_user"]!.GetValue<string>());
        Assert.Equal("", minimal["description"]!.GetValue<string>());
        Assert.Null(minimal["extra_params"]);
        Assert.True(minimal["auto_update"]!.GetValue<bool>());
        Assert.False(minimal["is_interactive"]!.GetValue<bool>());
        Assert.Equal(100.0, minimal["timeout"]!.GetValue<double>());
    }

    [Fact]
    public async Task Create_without_url_and_project_lists_both_required_fields()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json("{}"));

        await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.required-fields.json");
    }

    [Fact]
    public async Task Create_for_an_unknown_project_answers_400_invalid_pk()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = 999, ["url"] = ml.Url.ToString() }));

        await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.bad-project.json");
        Assert.Empty(ml.Requests);
    }

    [Fact]
    public async Task Create_with_a_non_http_url_answers_403()
    {
        await using var ls = await StartAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = "ftp://127.0.0.1:9090" }));

        await AssertMatchesFixtureAsync(response, 403, "error-403.ml-create.url-not-http.json");
    }

    [Fact]
    public async Task Create_url_checks_run_in_field_order_so_a_bad_scheme_wins_over_a_missing_project()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json("""{"url":"ftp://127.0.0.1:9090"}"""));

        await AssertMatchesFixtureAsync(response, 403, "error-403.ml-create.url-not-http.json");
    }

    [Fact]
    public async Task Create_with_an_unresolvable_host_answers_500_cant_resolve_hostname()
    {
        await using var ls = await StartAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = "http://ml-typo:9090" }));

        await AssertMatchesFixtureAsync(response, 500, "error-500.ml-create.unresolvable-host.json");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public async Task Create_with_an_empty_basic_auth_pass_answers_500_AttributeError(string pass)
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json($$"""{"project":{{project.Id}},"url":"{{ml.Url}}","basic_auth_pass":{{pass}}}"""));

        var json = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("'NoneType' object has no attribute 'basic_auth_pass'", json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_with_basic_auth_but_no_credentials_answers_400_like_the_upstream_test()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);
        var request = Verbatim("ls-test-ml-create-basic-auth-missing-creds.request.json").AsObject();
        request["project"] = project.Id;
        request["url"] = ml.Url.ToString();

        using var response = await client.PostAsync("api/ml/", Json(request));

        var json = await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.basic-auth-missing.json");
        JsonContract.AssertMatches(
            Verbatim("ls-test-ml-create-basic-auth-missing-creds.expected-error.json")["validation_errors"],
            json["validation_errors"]);
    }

    [Fact]
    public async Task Create_with_basic_auth_keys_present_passes_authentication_validation_even_if_empty_user()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject
        {
            ["project"] = project.Id,
            ["url"] = ml.Url.ToString(),
            ["auth_method"] = "BASIC_AUTH",
            ["basic_auth_user"] = "",
            ["basic_auth_pass"] = "x",
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_against_a_refusing_server_answers_400_health_check_failed()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        await ml.StopAsync();
        ls.MapHost("ml-down");
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = WithHost(ml, "ml-down").ToString().TrimEnd('/') }));

        var json = await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.healthcheck-failed.json");
        Assert.Contains($"host='ml-down', port={ml.Url.Port}", NonFieldError(json), StringComparison.Ordinal);
        Assert.Empty(ls.Backends);
    }

    [Fact]
    public async Task Create_when_health_times_out_answers_400_with_read_timed_out()
    {
        await using var ls = await StartAsync();
        ls.Options.HealthTimeout = TimeSpan.FromMilliseconds(100);
        var ml = await ls.StartMlServerAsync();
        ml.Delay = TimeSpan.FromSeconds(2);
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = ml.Url.ToString() }));

        var json = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith(
            $"Additional info: HTTPConnectionPool(host='127.0.0.1', port={ml.Url.Port}): Read timed out. (read timeout=0.1)",
            json["validation_errors"]!["non_field_errors"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_when_health_answers_401_says_authentication_parameters_are_wrong()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.Health = Testing.LabelStudio.MlServerHealth.Unauthorized;
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = ml.Url.ToString() }));

        await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.healthcheck-401.json");
    }

    [Fact]
    public async Task Create_when_setup_fails_answers_400_not_a_valid_ML_backend()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.SetupFails = true;
        ls.MapHost("ml-broken");
        var project = ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/", Json(new JsonObject { ["project"] = project.Id, ["url"] = WithHost(ml, "ml-broken").ToString().TrimEnd('/') }));

        var json = await AssertMatchesFixtureAsync(response, 400, "error-400.ml-create.setup-failed.json");
        Assert.Contains($"for url: http://ml-broken:{ml.Url.Port}/setup.", NonFieldError(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_multipart_form_data_like_the_Django_test_client_also_defaults_booleans_to_false()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "project" },
            { new StringContent(ml.Url.ToString().TrimEnd('/')), "url" },
            { new StringContent("true"), "is_interactive" },
        };

        using var response = await client.PostAsync("api/ml/", form);
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(json["is_interactive"]!.GetValue<bool>());
        Assert.False(json["auto_update"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_with_form_data_turns_omitted_booleans_false_like_the_tavern_test()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        using var client = Client(ls);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["project"] = project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = ml.Url.ToString().TrimEnd('/'),
            ["title"] = "form",
        });

        using var response = await client.PostAsync("api/ml/", form);
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(json["auto_update"]!.GetValue<bool>());
        Assert.Equal("", json["model_version"]!.GetValue<string>());
    }
}
