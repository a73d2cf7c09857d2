using System.Net;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class MlVersionsTests
{
    [Fact]
    public async Task Versions_are_passed_through_when_the_ML_server_has_the_route()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.Versions = ["1", "2"];
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");

        var json = await AssertMatchesFixtureAsync(response, 200, "ml-versions.ok.response.json");
        JsonContract.AssertMatches(Verbatim("ls-tavern-ml-versions.expected-response.json"), json);
        Assert.Equal(["GET /versions"], ml.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Versions_fall_back_to_the_stored_model_version_when_the_ML_server_answers_404()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        backend.ModelVersion = "0.0.1";
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");

        await AssertMatchesFixtureAsync(response, 200, "ml-versions.backend-has-no-versions-endpoint.response.json");
    }

    [Fact]
    public async Task Versions_pass_an_ML_401_through_with_the_requests_error_text()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.Health = MlServerHealth.Unauthorized;
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");

        await AssertMatchesFixtureAsync(response, 401, "ml-versions.backend-401.401.response.json");
    }

    [Fact]
    public async Task Versions_pass_an_ML_500_through_as_a_server_error_text()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.Health = MlServerHealth.ServerError;
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal($"500 Server Error: INTERNAL SERVER ERROR for url: {ml.Url}versions", json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Versions_of_a_down_ML_server_answer_500_with_the_connection_error()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ls.MapHost("ml-down");
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, WithHost(ml, "ml-down"));
        await ml.StopAsync();
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");

        await AssertMatchesFixtureAsync(response, 500, "ml-versions.backend-down.500.response.json");
    }

    [Fact]
    public async Task Versions_do_not_refresh_the_backend_state()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        backend.State = "ER";
        using var client = Client(ls);

        using var response = await client.GetAsync($"api/ml/{backend.Id}/versions");

        Assert.Equal("ER", backend.State);
        Assert.DoesNotContain(ml.Requests, r => r.Path is "/health" or "/setup");
    }
}
