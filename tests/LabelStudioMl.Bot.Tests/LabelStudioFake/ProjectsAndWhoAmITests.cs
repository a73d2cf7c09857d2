using System.Net;
using Microsoft.Extensions.Time.Testing;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

public sealed class ProjectsAndWhoAmITests
{
    [Fact]
    public async Task Projects_page_has_the_fixture_envelope_and_project_fields()
    {
        await using var ls = await StartAsync();
        ls.AddProject("Sentiment");
        ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.GetAsync("api/projects/");

        var json = await AssertShapeOfFixtureAsync(response, 200, "projects-list.page.response.example.json");
        Assert.Equal(2, json["count"]!.GetValue<int>());
        Assert.Null(json["next"]);
        Assert.Null(json["previous"]);
    }

    [Fact]
    public async Task Projects_are_listed_newest_first_and_paged_with_absolute_links()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 8, 10, 0, 0, TimeSpan.Zero));
        await using var ls = await StartAsync(time);
        for (var i = 1; i <= 5; i++)
        {
            ls.AddProject($"P{i}");
            time.Advance(TimeSpan.FromMinutes(1));
        }

        using var client = Client(ls);

        using var page1 = await client.GetAsync("api/projects/?page_size=2");
        using var page2 = await client.GetAsync("api/projects?page=2&page_size=2");
        using var page3 = await client.GetAsync("api/projects/?page=3&page_size=2");
        var json1 = await ReadJsonAsync(page1);
        var json2 = await ReadJsonAsync(page2);
        var json3 = await ReadJsonAsync(page3);

        Assert.Equal(["P5", "P4"], json1["results"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()));
        Assert.Equal(new Uri(ls.BaseUrl, "api/projects/?page_size=2&page=2").ToString(), json1["next"]!.GetValue<string>());
        Assert.Equal(new Uri(ls.BaseUrl, "api/projects?page_size=2").ToString(), json2["previous"]!.GetValue<string>());
        Assert.Equal(["P1"], json3["results"]!.AsArray().Select(p => p!["title"]!.GetValue<string>()));
        Assert.Null(json3["next"]);
        Assert.Equal(5, json3["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Projects_page_size_defaults_to_30_and_is_capped_at_100()
    {
        await using var ls = await StartAsync();
        for (var i = 0; i < 120; i++)
            ls.AddProject($"P{i}");
        using var client = Client(ls);

        var byDefault = await ReadJsonAsync(await client.GetAsync("api/projects/"));
        var capped = await ReadJsonAsync(await client.GetAsync("api/projects/?page_size=500"));

        Assert.Equal(30, byDefault["results"]!.AsArray().Count);
        Assert.Equal(100, capped["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task Projects_title_filter_is_a_case_insensitive_contains()
    {
        await using var ls = await StartAsync();
        ls.AddProject("Street Cars");
        ls.AddProject("Sentiment");
        using var client = Client(ls);

        var json = await ReadJsonAsync(await client.GetAsync("api/projects/?title=cAR"));

        Assert.Equal("Street Cars", Assert.Single(json["results"]!.AsArray())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Projects_ids_filter_keeps_only_the_listed_projects()
    {
        await using var ls = await StartAsync();
        var a = ls.AddProject("A");
        ls.AddProject("B");
        var c = ls.AddProject("C");
        using var client = Client(ls);

        var json = await ReadJsonAsync(await client.GetAsync($"api/projects/?ids={a.Id},{c.Id}"));

        Assert.Equal([c.Id, a.Id], json["results"]!.AsArray().Select(p => p!["id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("api/projects/?page=2")]
    [InlineData("api/projects/?page=0")]
    [InlineData("api/projects/?page=x")]
    public async Task Projects_page_out_of_range_answers_404_Invalid_page(string path)
    {
        await using var ls = await StartAsync();
        ls.AddProject("Cars");
        using var client = Client(ls);

        using var response = await client.GetAsync(path);
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Invalid page.", json["detail"]!.GetValue<string>());
        JsonContract.AssertSameShape(Fixture("error-404.json-envelope.json"), json);
    }

    [Fact]
    public async Task Whoami_answers_the_community_edition_user()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.GetAsync("api/current-user/whoami");

        await AssertShapeOfFixtureAsync(response, 200, "whoami.oss.response.example.json");
    }

    [Fact]
    public async Task Body_without_a_JSON_or_form_content_type_answers_415()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("api/ml/", content);
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Unsupported media type \"text/plain; charset=utf-8\" in request.", json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_method_answers_405_in_the_envelope()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.DeleteAsync("api/projects/");
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Method \"DELETE\" not allowed.", json["detail"]!.GetValue<string>());
    }
}
