using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class MlTrainTests
{
    [Fact]
    public async Task Train_sends_START_TRAINING_to_the_webhook_and_answers_an_empty_200()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var project = ls.AddProject("Cars", "<View><Image name=\"image\" value=\"$image\"/></View>");
        var backend = ls.AddBackend(project.Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", Json(Verbatim("ls-test-train.request.json")));

        await AssertEmpty200Async(response);
        var call = Assert.Single(ml.Requests);
        Assert.Equal("POST /webhook", $"{call.Method} {call.Path}");
        var body = JsonNode.Parse(call.Body)!;
        JsonContract.AssertSameShape(Fixture("outbound.ls-to-ml.webhook-start-training.request.json"), body);
        Assert.Equal("START_TRAINING", body["action"]!.GetValue<string>());
        Assert.Equal(project.Id, body["project"]!["id"]!.GetValue<int>());
        Assert.Equal(project.LabelConfig, body["project"]!["label_config"]!.GetValue<string>());
        Assert.Equal("TR", backend.State);
        Assert.Equal(1, ml.TrainingsCompleted);
    }

    [Theory]
    [InlineData(MlServerHealth.Down)]
    [InlineData(MlServerHealth.ServerError)]
    public async Task Train_answers_an_empty_200_even_when_the_ML_server_fails_and_the_backend_becomes_ER(MlServerHealth health)
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        ml.Health = health;
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", Json("{}"));

        await AssertEmpty200Async(response);
        Assert.Equal("ER", backend.State);
        var expected = health == MlServerHealth.Down
            ? $"HTTPConnectionPool(host='127.0.0.1', port={ml.Url.Port}): Max retries exceeded with url: /webhook (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f0000000000>: Failed to establish a new connection: [Errno 111] Connection refused'))"
            : $"500 Server Error: INTERNAL SERVER ERROR for url: {ml.Url}webhook";
        Assert.Equal(expected, backend.ErrorMessage);
    }

    [Fact]
    public async Task Train_when_the_server_is_stopped_also_answers_200_and_sets_ER()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        await ml.StopAsync();
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", null);

        await AssertEmpty200Async(response);
        Assert.Equal("ER", backend.State);
        Assert.Contains("[Errno 111] Connection refused", backend.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_failure_in_the_SDK_sets_ER_with_the_requests_text()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.TrainingFails = true;
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", null);

        await AssertEmpty200Async(response);
        Assert.Equal($"500 Server Error: INTERNAL SERVER ERROR for url: {ml.Url}webhook", backend.ErrorMessage);
        Assert.Equal(0, ml.TrainingsCompleted);
    }

    [Fact]
    public async Task Training_blocks_train_for_its_duration_then_the_next_get_shows_the_new_model_version()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.TrainingDuration = TimeSpan.FromMilliseconds(400);
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);
        var watch = Stopwatch.StartNew();

        using var train = await client.PostAsync($"api/ml/{backend.Id}/train", null);
        var elapsed = watch.Elapsed;
        using var get = await client.GetAsync($"api/ml/{backend.Id}");
        var json = await ReadJsonAsync(get);

        await AssertEmpty200Async(train);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(350), $"train returned after {elapsed}");
        Assert.Equal("0.0.2", ml.ModelVersion);
        Assert.Equal("CO", json["state"]!.GetValue<string>());
        Assert.Equal("0.0.2", json["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Training_longer_than_the_predict_timeout_sets_ER_read_timed_out()
    {
        await using var ls = await StartAsync();
        ls.Options.PredictTimeout = TimeSpan.FromMilliseconds(200);
        var ml = await ls.StartMlServerAsync();
        ml.TrainingDuration = TimeSpan.FromSeconds(5);
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", null);

        await AssertEmpty200Async(response);
        Assert.Equal($"HTTPConnectionPool(host='127.0.0.1', port={ml.Url.Port}): Read timed out. (read timeout=0.2)", backend.ErrorMessage);
    }

    [Fact]
    public async Task After_Label_Studio_stopped_waiting_the_next_get_shows_CO_while_the_ML_server_trains_on_to_a_new_version()
    {
        // ml/models.py train() stores ER with the timeout text; the detail GET runs update_state() (health + setup),
        // which sets CO and the version /setup reports: the error is gone while the ML server still trains.
        await using var ls = await StartAsync();
        ls.Options.PredictTimeout = TimeSpan.FromMilliseconds(300);
        var ml = await ls.StartMlServerAsync();
        ml.TrainingDuration = TimeSpan.FromSeconds(1.5);
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var train = await client.PostAsync($"api/ml/{backend.Id}/train", null);
        var stateAfterTrain = backend.State;
        using var duringGet = await client.GetAsync($"api/ml/{backend.Id}");
        var during = await ReadJsonAsync(duringGet);
        await LabelStudioMl.Bot.Testing.Discord.FakeDiscord.WaitUntilAsync(() => ml.TrainingsCompleted == 1, TimeSpan.FromSeconds(10), "the ML server to finish training");
        using var afterGet = await client.GetAsync($"api/ml/{backend.Id}");
        var after = await ReadJsonAsync(afterGet);

        await AssertEmpty200Async(train);
        Assert.Equal("ER", stateAfterTrain);
        Assert.Equal("CO", during["state"]!.GetValue<string>());
        Assert.Equal("0.0.1", during["model_version"]!.GetValue<string>());
        Assert.Null(during["error_message"]?.GetValue<string>());
        Assert.Equal("CO", after["state"]!.GetValue<string>());
        Assert.Equal("0.0.2", after["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_backend_deleted_while_train_waits_for_the_ML_server_is_saved_again_when_the_call_returns()
    {
        // ml/models.py MLBackend.train() ends in self.save(): the UPDATE finds no row, so Django INSERTs it again with
        // the same id (Django's "How Django knows to UPDATE vs. INSERT"). Deleted after the call, it stays deleted.
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.TrainingDuration = TimeSpan.FromSeconds(1);
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        var train = client.PostAsync($"api/ml/{backend.Id}/train", null);
        await LabelStudioMl.Bot.Testing.Discord.FakeDiscord.WaitUntilAsync(() => ml.Requests.Any(r => r.Path == "/webhook"), TimeSpan.FromSeconds(10), "the START_TRAINING webhook");
        using var delete = await client.DeleteAsync($"api/ml/{backend.Id}");
        var goneDuringTraining = ls.FindBackend(backend.Id) is null;
        using var trained = await train;
        using var back = await client.GetAsync($"api/ml/{backend.Id}");
        using var deleteAgain = await client.DeleteAsync($"api/ml/{backend.Id}");
        using var gone = await client.GetAsync($"api/ml/{backend.Id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(goneDuringTraining);
        await AssertEmpty200Async(trained);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(backend.Id, (await ReadJsonAsync(back))["id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, deleteAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Ml_server_that_ignores_START_TRAINING_answers_unknown_event_and_nothing_changes()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.HandlesStartTraining = false;
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", null);

        await AssertEmpty200Async(response);
        Assert.Equal("TR", backend.State);
        Assert.Equal("0.0.1", ml.ModelVersion);
        Assert.Equal(0, ml.TrainingsCompleted);
    }

    [Fact]
    public async Task NextModelVersion_decides_the_version_after_training()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        ml.NextModelVersion = v => v + "-trained";
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        using var response = await client.PostAsync($"api/ml/{backend.Id}/train", null);

        Assert.Equal("0.0.1-trained", ml.ModelVersion);
    }

    private static async Task AssertEmpty200Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }
}
