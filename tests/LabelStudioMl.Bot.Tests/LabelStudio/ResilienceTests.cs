using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.LabelStudio;

/// <summary>Time limits and retries: reads are retried on transient failures, writes never; wrong addresses are named.</summary>
public sealed class ResilienceTests
{
    private static Dictionary<string, string?> Limits(string read = "00:00:20", int retries = 2, string write = "00:00:20") => new()
    {
        ["LabelStudio:ReadTimeout"] = read,
        ["LabelStudio:ReadRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LabelStudio:WriteTimeout"] = write,
    };

    [Fact]
    public async Task A_read_is_retried_after_a_proxy_answers_503()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        await using var harness = LabelStudioHarness.Create(ls, settings: Limits());
        ls.FailNextRequests(503, count: 2);

        var user = await harness.Client.WhoAmIAsync();

        Assert.NotNull(user.Username);
        Assert.Equal(3, ls.Requests.Count(r => r.Path == "/api/current-user/whoami"));
    }

    [Fact]
    public async Task A_write_is_never_retried()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var project = ls.AddProject("Cars");
        var ml = await ls.StartMlServerAsync();
        await using var harness = LabelStudioHarness.Create(ls, settings: Limits());
        ls.FailNextRequests(503, count: 1);

        var error = await Assert.ThrowsAsync<LabelStudioException>(() =>
            harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = project.Id, Url = ml.Url.ToString() }));

        Assert.Equal(LabelStudioErrorKind.ServerError, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Single(ls.Requests, r => r.Method == "POST");
        Assert.Empty(ls.Backends);
    }

    [Fact]
    public async Task A_slow_read_times_out_per_attempt_and_is_retried_then_reported()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        ls.Options.ResponseDelay = TimeSpan.FromSeconds(5);
        await using var harness = LabelStudioHarness.Create(ls, settings: Limits(read: "00:00:00.300", retries: 1));

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.Timeout, error.Kind);
        Assert.Contains("did not answer GET /api/current-user/whoami", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ls.Requests.Count(r => r.Path == "/api/current-user/whoami"));
    }

    [Fact]
    public async Task A_slow_write_times_out_once()
    {
        await using var ls = await FakeLabelStudio.StartAsync();
        var project = ls.AddProject("Cars");
        var ml = await ls.StartMlServerAsync();
        ls.Options.ResponseDelay = TimeSpan.FromSeconds(5);
        await using var harness = LabelStudioHarness.Create(ls, settings: Limits(write: "00:00:00.300"));

        var error = await Assert.ThrowsAsync<LabelStudioException>(() =>
            harness.Client.AddBackendAsync(new MlBackendCreateRequest { Project = project.Id, Url = ml.Url.ToString() }));

        Assert.Equal(LabelStudioErrorKind.Timeout, error.Kind);
        Assert.Single(ls.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_closed_port_is_a_refused_connection()
    {
        var port = FreePort.Find();
        await using var harness = LabelStudioHarness.Create(new Uri($"http://127.0.0.1:{port}"), "key", settings: Limits(retries: 0));

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_serves_html_pages_is_not_Label_Studio()
    {
        await using var site = await StaticPageServer.StartAsync();
        await using var harness = LabelStudioHarness.Create(site.Url, "0123456789abcdef0123456789abcdef01234567");

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.NotLabelStudio, error.Kind);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("LabelStudio:Url must be the address of Label Studio", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_access_token_sent_to_a_site_that_is_not_Label_Studio_says_so()
    {
        await using var site = await StaticPageServer.StartAsync();
        await using var harness = LabelStudioHarness.Create(site.Url, OptionsValidationTests.Jwt("""{"token_type":"refresh","exp":4102444800}"""));

        var error = await Assert.ThrowsAsync<LabelStudioException>(() => harness.Client.WhoAmIAsync());

        Assert.Equal(LabelStudioErrorKind.NotLabelStudio, error.Kind);
        Assert.Contains("LabelStudio:Url", error.Hint, StringComparison.Ordinal);
    }
}
