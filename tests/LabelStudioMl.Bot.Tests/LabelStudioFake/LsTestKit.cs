using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

/// <summary>Shared helpers: fast options, raw clients, fixtures.</summary>
internal static class LsTestKit
{
    /// <summary>
    /// Generous ML timeouts so a cold, busy machine never trips them (failure paths use refused connections,
    /// which are instant); tests about timeouts set short ones themselves.
    /// </summary>
    public static FakeLabelStudioOptions FastOptions(TimeProvider? time = null) => new()
    {
        TimeProvider = time ?? TimeProvider.System,
        HealthTimeout = TimeSpan.FromSeconds(10),
        SetupTimeout = TimeSpan.FromSeconds(10),
        PredictTimeout = TimeSpan.FromSeconds(30),
    };

    public static Task<FakeLs> StartAsync(TimeProvider? time = null) =>
        FakeLs.StartAsync(FastOptions(time));

    /// <summary>A raw client without credentials (never via a proxy).</summary>
    public static HttpClient AnonymousClient(FakeLs ls) =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = ls.BaseUrl };

    /// <summary>A raw client sending <c>Authorization: Token &lt;legacy&gt;</c>.</summary>
    public static HttpClient Client(FakeLs ls)
    {
        var client = AnonymousClient(ls);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", ls.LegacyToken);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static JsonNode Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Fixture("label-studio", "derived", name)))!;

    public static JsonNode Verbatim(string name) =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Fixture("label-studio", "verbatim", name)))!;

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Asserts the status and that the JSON body matches the derived fixture.</summary>
    public static async Task<JsonNode> AssertMatchesFixtureAsync(HttpResponseMessage response, int status, string fixture)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        JsonContract.AssertMatches(Fixture(fixture), json);
        return json;
    }

    /// <summary>Asserts the status and that the JSON body has the fixture's keys and value kinds (values vary).</summary>
    public static async Task<JsonNode> AssertShapeOfFixtureAsync(HttpResponseMessage response, int status, string fixture)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonNode.Parse(body)!;
        JsonContract.AssertSameShape(Fixture(fixture), json);
        return json;
    }

    /// <summary>The first <c>non_field_errors</c> message of an envelope.</summary>
    public static string NonFieldError(JsonNode envelope) =>
        envelope["validation_errors"]!["non_field_errors"]![0]!.GetValue<string>();

    /// <summary>Creates a backend through the API and returns its JSON (asserting 201).</summary>
    public static async Task<JsonObject> CreateBackendAsync(HttpClient client, int projectId, Uri url, string? title = null)
    {
        var body = new JsonObject { ["project"] = projectId, ["url"] = url.ToString().TrimEnd('/') };
        if (title is not null)
            body["title"] = title;
        using var response = await client.PostAsync("api/ml/", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A URL on the ML server's port with another (MapHost'd or unknown) host name.</summary>
    public static Uri WithHost(FakeMlServer ml, string host) => new($"http://{host}:{ml.Url.Port}");
}
