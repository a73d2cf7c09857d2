using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class FakeMlServerTests
{
    [Theory]
    [InlineData("health")]
    [InlineData("")]
    public async Task Health_answers_status_UP_with_the_model_class(string path)
    {
        await using var ml = await FakeMlServer.CreateAsync();
        using var client = MlClient(ml);

        using var response = await client.GetAsync(path);
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonContract.AssertSameShape(Verbatim("mlbackend-sdk-health.response.json"), json);
        Assert.Equal("UP", json["status"]!.GetValue<string>());
        Assert.Equal("FakeModel", json["model_class"]!.GetValue<string>());
    }

    [Fact]
    public async Task Setup_answers_the_model_version_or_500_when_it_fails()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        ml.ModelVersion = "1.2.3";
        using var client = MlClient(ml);

        using var ok = await client.PostAsync("setup", Json(Verbatim("mlbackend-sdk-setup.request.json")));
        var okJson = await ReadJsonAsync(ok);
        ml.SetupFails = true;
        using var failed = await client.PostAsync("setup", Json(Verbatim("mlbackend-sdk-setup.request.json")));
        var failedJson = await ReadJsonAsync(failed);

        Assert.Equal("1.2.3", okJson["model_version"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("INTERNAL SERVER ERROR", failed.ReasonPhrase);
        Assert.Equal(["detail", "request", "result", "status"], failedJson.AsObject().Select(kv => kv.Key).Order());
        Assert.Equal(500, failedJson["status"]!.GetValue<int>());
        Assert.NotNull(failedJson["result"]!["traceback"]);
    }

    [Fact]
    public async Task Webhook_answers_201_ok_for_known_events_and_200_unknown_event_otherwise()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        using var client = MlClient(ml);

        using var known = await client.PostAsync("webhook", Json(Verbatim("mlbackend-sdk-webhook.request.json")));
        using var unknown = await client.PostAsync("webhook", Json("""{"action":"PROJECT_UPDATED","project":{"id":1}}"""));

        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        Assert.Equal("ok", (await ReadJsonAsync(known))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("Unknown event", (await ReadJsonAsync(unknown))["status"]!.GetValue<string>());
        Assert.Equal(0, ml.TrainingsCompleted);
    }

    [Fact]
    public async Task Versions_is_404_by_default_like_the_current_SDK()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        using var client = MlClient(ml);

        using var response = await client.GetAsync("versions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Predict_answers_a_default_prediction_with_the_model_version()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        using var client = MlClient(ml);

        using var response = await client.PostAsync("predict", Json(Verbatim("mlbackend-sdk-predict.request.json")));
        var json = await ReadJsonAsync(response);

        var result = Assert.Single(json["results"]!.AsArray())!;
        Assert.Equal("0.0.1", result["model_version"]!.GetValue<string>());
        Assert.Equal(0.9, result["score"]!.GetValue<double>());
        Assert.Empty(result["result"]!.AsArray());
    }

    [Fact]
    public async Task Down_aborts_the_connection()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        ml.Health = MlServerHealth.Down;
        using var client = MlClient(ml);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("health"));
    }

    [Fact]
    public async Task Unauthorized_answers_401_plain_text_on_every_route()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        ml.Health = MlServerHealth.Unauthorized;
        using var client = MlClient(ml);

        using var response = await client.PostAsync("setup", Json("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized Access", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Basic_auth_requires_matching_credentials()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        ml.BasicAuthUser = "bot";
        ml.BasicAuthPassword = "s3cret";
        using var client = MlClient(ml);

        using var without = await client.GetAsync("health");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:wrong")));
        using var wrong = await client.GetAsync("health");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:s3cret")));
        using var right = await client.GetAsync("health");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Stop_refuses_connections_and_start_listens_again_on_the_same_port()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        var url = ml.Url;
        using var client = MlClient(ml);

        await ml.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("health"));
        await ml.StartAsync();
        using var response = await client.GetAsync("health");

        Assert.Equal(url, ml.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Delay_slows_every_response()
    {
        await using var ml = await FakeMlServer.CreateAsync();
        ml.Delay = TimeSpan.FromMilliseconds(300);
        using var client = MlClient(ml);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.GetAsync("health");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250));
        Assert.Single(ml.Requests);
    }

    [Theory]
    [InlineData("0.0.1", "0.0.2")]
    [InlineData("v9", "v10")]
    [InlineData("abc", "abc.1")]
    public void Default_next_model_version_bumps_the_last_number(string before, string after) =>
        Assert.Equal(after, FakeMlServer.BumpLastNumber(before));

    [Fact]
    public async Task Servers_started_by_Label_Studio_stop_with_it()
    {
        var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        using var client = MlClient(ml);

        await ls.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("health"));
    }

    private static HttpClient MlClient(FakeMlServer ml) =>
        new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            BaseAddress = new Uri(ml.Url, "/"),
        };
}
