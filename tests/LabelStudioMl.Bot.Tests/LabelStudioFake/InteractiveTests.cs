using System.Net;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class InteractiveTests
{
    [Fact]
    public async Task Interactive_answers_the_first_result_as_data_and_forwards_the_context()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.PredictResponse = JsonNode.Parse($$"""{"results":[{{Fixture("interactive.ok.response.json")["data"]!.ToJsonString()}}]}""");
        var (backend, task) = Seed(ls, ml, interactive: true);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating",
            Json(new JsonObject { ["task"] = task, ["context"] = Fixture("outbound.ls-to-ml.predict-interactive.request.json")["params"]!["context"]!.DeepClone() }));

        await AssertMatchesFixtureAsync(response, 200, "interactive.ok.response.json");
        var call = Assert.Single(ml.Requests);
        Assert.Equal("POST /predict", $"{call.Method} {call.Path}");
        var sent = JsonNode.Parse(call.Body)!;
        JsonContract.AssertSameShape(Fixture("outbound.ls-to-ml.predict-interactive.request.json"), sent);
        Assert.Equal(task, sent["tasks"]![0]!["id"]!.GetValue<int>());
        Assert.Equal("keypointlabels", sent["params"]!["context"]!["result"]![0]!["type"]!.GetValue<string>());
        Assert.Null(sent["params"]!["login"]);
    }

    [Fact]
    public async Task Interactive_reproduces_the_upstream_test_data_x()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.PredictResponse = Verbatim("ls-test-interactive-annotating.ml-backend-predict-mock.response.json");
        var (backend, task) = Seed(ls, ml, interactive: true);
        var request = Verbatim("ls-test-interactive-annotating.request.json").AsObject();
        request["task"] = task;
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(request));
        var json = await ReadJsonAsync(response);

        Assert.Equal("x", json["data"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task Interactive_on_a_backend_not_marked_interactive_answers_200_with_errors()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var (backend, task) = Seed(ls, ml, interactive: false);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(new JsonObject { ["task"] = task }));

        await AssertMatchesFixtureAsync(response, 200, "interactive.not-interactive.response.json");
        Assert.Empty(ml.Requests);
    }

    [Fact]
    public async Task Interactive_with_the_ML_server_down_answers_200_with_the_connection_error()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ls.MapHost("ml-down");
        var (backend, task) = Seed(ls, ml, interactive: true, WithHost(ml, "ml-down"));
        await ml.StopAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(new JsonObject { ["task"] = task }));

        await AssertMatchesFixtureAsync(response, 200, "interactive.backend-down.response.json");
    }

    [Fact]
    public async Task Interactive_with_a_response_without_results_answers_it_must_be_a_dict()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.PredictResponse = Verbatim("ls-test-interactive-annotating.ml-backend-bad-predict-mock.response.json");
        var (backend, task) = Seed(ls, ml, interactive: true);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(new JsonObject { ["task"] = task }));

        await AssertMatchesFixtureAsync(response, 200, "interactive.bad-ml-response.response.json");
    }

    [Theory]
    [InlineData("""{"results":[]}""")]
    [InlineData("""{"results":{"a":1}}""")]
    public async Task Interactive_with_empty_or_non_list_results_answers_more_than_1_result(string predict)
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.PredictResponse = JsonNode.Parse(predict);
        var (backend, task) = Seed(ls, ml, interactive: true);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(new JsonObject { ["task"] = task }));

        await AssertMatchesFixtureAsync(response, 200, "interactive.empty-results.response.json");
    }

    [Fact]
    public async Task Interactive_without_task_answers_400_task_required()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var (backend, _) = Seed(ls, ml, interactive: true);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json("{\"context\":null}"));

        await AssertMatchesFixtureAsync(response, 400, "error-400.interactive.task-required.json");
    }

    [Fact]
    public async Task Interactive_with_a_task_of_another_project_answers_404()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var (backend, _) = Seed(ls, ml, interactive: true);
        var foreignTask = ls.AddTask(ls.AddProject("Other").Id);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/interactive-annotating", Json(new JsonObject { ["task"] = foreignTask }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(ml.Requests);
    }

    private static (FakeBackend Backend, int Task) Seed(FakeLs ls, FakeMlServer ml, bool interactive, Uri? url = null)
    {
        var project = ls.AddProject("Cars");
        var backend = ls.AddBackend(project.Id, url ?? ml.Url);
        backend.IsInteractive = interactive;
        return (backend, ls.AddTask(project.Id, new JsonObject { ["image"] = "/data/upload/3/cars.jpg" }));
    }
}
