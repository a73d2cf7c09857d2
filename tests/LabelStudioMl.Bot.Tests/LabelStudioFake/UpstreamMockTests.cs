using System.Net;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.LabelStudio;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

/// <summary>The fake ML server and the fake's state refresh against the mocks Label Studio's own test suite uses.</summary>
public sealed class UpstreamMockTests
{
    [Theory]
    [InlineData("GET", "health", "GET {url}/health")]
    [InlineData("POST", "setup", "POST {url}/setup")]
    [InlineData("GET", "versions", "GET {url}/versions")]
    public async Task Fake_ml_server_answers_what_Label_Studios_test_mocks_answer(string method, string path, string mockKey)
    {
        var mock = Verbatim("ls-test-ml-backend-mock-responses.json")[mockKey]!.AsObject();
        await using var ml = await FakeMlServer.CreateAsync();
        ml.Versions = ["1", "2"];
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = ml.Url };

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? Json(Verbatim("mlbackend-sdk-setup.request.json")) : null,
        });
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (key, value) in mock.Where(p => p.Key != "status" || mockKey.Contains("health", StringComparison.Ordinal)))
        {
            Assert.True(body[key] is not null, $"{mockKey} answer lacks '{key}': {body.ToJsonString()}");
            Assert.Equal(value!.GetValueKind(), body[key]!.GetValueKind());
        }

        if (mockKey.Contains("versions", StringComparison.Ordinal))
            Assert.True(JsonNode.DeepEquals(mock["versions"], body["versions"]));
    }

    [Fact]
    public async Task Model_version_follows_setup_on_every_read_while_auto_update_is_on()
    {
        var sequence = Verbatim("ls-test-ml-backend-setup-sequence-mock.json").AsArray()
            .Select(step => step!["json"]!["model_version"]!.GetValue<string>()).ToList();
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var backend = ls.AddBackend(ls.AddProject("Cars").Id, ml.Url);
        using var client = Client(ls);

        var seen = new List<string>();
        foreach (var version in sequence)
        {
            ml.ModelVersion = version;
            seen.Add((await ReadJsonAsync(await client.GetAsync($"api/ml/{backend.Id}")))["model_version"]!.GetValue<string>());
        }

        Assert.Equal(sequence, seen);
    }
}
