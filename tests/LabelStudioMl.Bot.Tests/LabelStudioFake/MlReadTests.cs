using System.Net;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class MlReadTests
{
    [Fact]
    public async Task List_is_a_plain_array_in_ascending_id_with_connected_disconnected_and_error_states()
    {
        await using var ls = await StartAsync();
        var up = await ls.StartMlServerAsync();
        var down = await ls.StartMlServerAsync();
        var broken = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var a = ls.AddBackend(project.Id, up.Url, "yolo");
        var b = ls.AddBackend(project.Id, down.Url, "down-model");
        var c = ls.AddBackend(project.Id, broken.Url, "broken");
        down.Health = MlServerHealth.Down;
        broken.SetupFails = true;
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/?project={project.Id}");

        var json = await AssertShapeOfFixtureAsync(response, 200, "ml-list.response.example.json");
        var items = json.AsArray();
        Assert.Equal([a.Id, b.Id, c.Id], items.Select(i => i!["id"]!.GetValue<int>()));
        Assert.Equal(["CO", "DI", "ER"], items.Select(i => i!["state"]!.GetValue<string>()));
        Assert.Equal(["Connected", "Disconnected", "Error"], items.Select(i => i!["readable_state"]!.GetValue<string>()));
        var expectedError = Fixture("ml-list.response.example.json")[2]!["error_message"]!.GetValue<string>();
        Assert.Equal(JsonContract.Normalize(expectedError), JsonContract.Normalize(items[2]!["error_message"]!.GetValue<string>()));
        Assert.Equal($"500 Server Error: INTERNAL SERVER ERROR for url: {broken.Url}setup", items[2]!["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_runs_health_and_setup_for_every_backend_before_answering()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.ModelVersion = "from-setup";
        var project = ls.AddProject("Cars");
        ls.AddBackend(project.Id, ml.Url);
        ls.AddBackend(project.Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml?project={project.Id}");
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["GET /health", "POST /setup", "GET /health", "POST /setup"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(json.AsArray(), i => Assert.Equal("from-setup", i!["model_version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_answered_request_is_reported_with_when_its_handling_began_and_ended()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        ls.AddBackend(project.Id, ml.Url);
        var answered = new System.Collections.Concurrent.ConcurrentQueue<AnsweredRequest>();
        ls.RequestAnswered += (_, a) => answered.Enqueue(a);
        using var client = Client(ls);

        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await client.GetAsync($"api/ml/?project={project.Id}");
        await Testing.Discord.FakeDiscord.WaitUntilAsync(() => !answered.IsEmpty, TimeSpan.FromSeconds(5), "the answered request");

        var read = Assert.Single(answered);
        Assert.Equal($"GET /api/ml/?project={project.Id}", $"{read.Request.Method} {read.Request.PathAndQuery}");
        Assert.InRange(read.ReceivedAt, before, read.AnsweredAt);
        Assert.Equal(["GET /health", "POST /setup"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task List_filters_on_is_interactive()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        ls.AddBackend(project.Id, ml.Url);
        var interactive = ls.AddBackend(project.Id, ml.Url);
        interactive.IsInteractive = true;
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/?project={project.Id}&is_interactive=true");
        var json = await ReadJsonAsync(response);

        Assert.Equal(interactive.Id, Assert.Single(json.AsArray())!["id"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("api/ml/")]
    [InlineData("api/ml/?project=abc")]
    [InlineData("api/ml/?project=999")]
    [InlineData("api/ml?project=999")]
    public async Task List_without_a_known_project_answers_the_JSON_404_envelope(string path)
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.GetAsync(path);

        await AssertMatchesFixtureAsync(response, 404, "error-404.json-envelope.json");
    }

    [Fact]
    public async Task Get_refreshes_the_state_and_model_version_from_setup()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.ModelVersion = "2.0.0";
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        backend.State = "TR";
        backend.ErrorMessage = "old";
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}");

        var json = await AssertShapeOfFixtureAsync(response, 200, "ml-backend.connected.example.json");
        Assert.Equal("CO", json["state"]!.GetValue<string>());
        Assert.Null(json["error_message"]);
        Assert.Equal("2.0.0", json["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_an_unreachable_backend_shows_DI_and_keeps_the_error_message()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        backend.ErrorMessage = "earlier error";
        await ml.StopAsync();
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}");
        var json = await ReadJsonAsync(response);

        Assert.Equal("DI", json["state"]!.GetValue<string>());
        Assert.Equal("earlier error", json["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_auto_update_off_keeps_the_pinned_model_version()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, ml.Url);
        backend.AutoUpdate = false;
        backend.ModelVersion = "pinned";
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}");
        var json = await ReadJsonAsync(response);

        Assert.Equal("pinned", json["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Backend_on_a_host_that_does_not_resolve_is_disconnected_without_any_call()
    {
        await using var ls = await StartAsync();
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, new Uri("http://nowhere.invalid:9090"));
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}");
        var json = await ReadJsonAsync(response);

        Assert.Equal("DI", json["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "api/ml/999")]
    [InlineData("PATCH", "api/ml/999")]
    [InlineData("DELETE", "api/ml/999")]
    [InlineData("POST", "api/ml/999/train")]
    [InlineData("GET", "api/ml/999/versions")]
    [InlineData("POST", "api/ml/999/interactive-annotating")]
    public async Task Unknown_id_on_a_slashless_route_answers_an_HTML_404(string method, string path)
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") };

        using var response = await client.SendAsync(request);

        await AssertHtmlNotFoundAsync(response);
    }

    [Theory]
    [InlineData("api/ml/1/")]
    [InlineData("api/ml/1/versions/")]
    [InlineData("api/current-user/whoami/")]
    [InlineData("api/nothing-here")]
    public async Task Trailing_slash_on_an_id_route_or_an_unknown_path_answers_an_HTML_404(string path)
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.GetAsync(path);

        await AssertHtmlNotFoundAsync(response);
        Assert.Empty(ml.Requests);
    }

    [Fact]
    public async Task Unknown_id_without_credentials_is_401_not_404()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);

        using var response = await client.GetAsync("api/ml/999");

        await AssertMatchesFixtureAsync(response, 401, "error-401.no-credentials.json");
    }

    [Fact]
    public async Task Slow_Label_Studio_delays_api_answers()
    {
        await using var ls = await StartAsync();
        ls.Options.ResponseDelay = TimeSpan.FromMilliseconds(300);
        using var client = Client(ls);
        var started = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.GetAsync("api/current-user/whoami");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Every_request_is_recorded_with_method_path_headers_and_body()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync("api/ml/?x=1", Json("{\"a\":1}"));

        var recorded = Assert.Single(ls.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/api/ml/?x=1", recorded.PathAndQuery);
        Assert.Equal($"Token {ls.LegacyToken}", recorded.Headers["authorization"]);
        Assert.Equal("{\"a\":1}", recorded.Body);
        ls.ClearRequests();
        Assert.Empty(ls.Requests);
    }

    internal static async Task AssertHtmlNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
