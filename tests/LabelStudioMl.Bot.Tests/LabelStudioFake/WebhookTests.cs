using System.Net;
using static LabelStudioMl.Bot.Tests.LabelStudioFake.LsTestKit;

namespace LabelStudioMl.Bot.Tests.LabelStudioFake;

/// <summary><c>/api/webhooks/</c>: the project webhook Label Studio creates for a new ML backend can be listed and deleted.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task A_projects_webhooks_list_the_one_Label_Studio_created_for_a_new_backend_as_a_plain_array()
    {
        await using var ls = await StartAsync();
        var ml = await ls.StartMlServerAsync();
        var cars = ls.AddProject("Cars");
        var bikes = ls.AddProject("Bikes");
        using var client = Client(ls);
        await CreateBackendAsync(client, cars.Id, ml.Url);
        await CreateBackendAsync(client, bikes.Id, ml.Url);

        using var response = await client.GetAsync($"api/webhooks/?project={cars.Id}");
        var webhook = Assert.Single((await ReadJsonAsync(response)).AsArray())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["id", "organization", "project", "url", "send_payload", "send_for_all_actions", "headers", "is_active", "actions", "created_at", "updated_at"],
            webhook.Select(p => p.Key));
        Assert.Equal(cars.Id, webhook["project"]!.GetValue<int>());
        Assert.Equal(ml.Url.ToString().TrimEnd('/') + "/webhook", webhook["url"]!.GetValue<string>());
        Assert.True(webhook["send_payload"]!.GetValue<bool>());
        Assert.True(webhook["send_for_all_actions"]!.GetValue<bool>());
        Assert.Equal(2, (await ReadJsonAsync(await client.GetAsync("api/webhooks/"))).AsArray().Count);
    }

    [Fact]
    public async Task Webhooks_of_an_unknown_project_are_a_validation_error()
    {
        await using var ls = await StartAsync();
        using var client = Client(ls);

        using var response = await client.GetAsync("api/webhooks/?project=999");
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Select a valid choice. That choice is not one of the available choices.", json["validation_errors"]!["project"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_webhook_answers_204_without_a_body_and_a_second_delete_is_a_json_404()
    {
        await using var ls = await StartAsync();
        var project = ls.AddProject("Cars");
        var kept = ls.AddWebhook(project.Id, "http://hooks.example.com/notify");
        var webhook = ls.AddWebhook(project.Id, "http://ml:9090/webhook");
        using var client = Client(ls);

        using var deleted = await client.DeleteAsync($"api/webhooks/{webhook.Id}/");
        using var again = await client.DeleteAsync($"api/webhooks/{webhook.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("Not found.", (await ReadJsonAsync(again))["detail"]!.GetValue<string>());
        Assert.Equal(kept, Assert.Single(ls.Webhooks));
    }

    [Fact]
    public async Task Webhooks_need_credentials()
    {
        await using var ls = await StartAsync();
        using var client = AnonymousClient(ls);

        using var response = await client.GetAsync("api/webhooks/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
