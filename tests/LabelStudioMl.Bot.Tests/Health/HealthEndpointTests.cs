using System.Net;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Tests.EndToEnd;

namespace LabelStudioMl.Bot.Tests.Health;

/// <summary>The running bot's <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, read over HTTP as a probe or Prometheus would.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_answers_while_readyz_follows_the_gateway_not_ready_until_READY_then_ready()
    {
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);

        var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal($"ok LabelStudioMl.Bot {LabelStudioMl.Bot.BotVersion.Number}", (await health.Content.ReadAsStringAsync()).Trim());
        await HealthProbe.ReadyzAsync(http, HttpStatusCode.OK);

        // The connection drops and the next attempts are refused: no READY, so not ready, with the reason.
        bot.Discord.RefuseNextConnections(4);
        bot.Discord.DropConnection();
        var notReady = await HealthProbe.ReadyzAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("not ready: the Discord gateway is", notReady, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // Once the gateway is READY again, ready again.
        Assert.Equal("ready", await HealthProbe.ReadyzAsync(http, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Metrics_in_Prometheus_format_count_a_command_its_duration_and_its_Label_Studio_calls()
    {
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);
        var project = bot.LabelStudio.AddProject("Cars");
        var ml = await bot.LabelStudio.StartMlServerAsync();
        var backend = bot.LabelStudio.AddBackend(project.Id, ml.Url, "yolo");
        var before = await http.GetStringAsync("/metrics");

        await bot.FinalAnswerAsync(await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id)));
        var after = await HealthProbe.MetricsAsync(http, m => PrometheusText.Value(m, "bot_commands_total", ("command", "get"), ("outcome", "ok")) > 0);

        Assert.Equal(
            PrometheusText.Value(before, "bot_commands_total", ("command", "get"), ("outcome", "ok")) + 1,
            PrometheusText.Value(after, "bot_commands_total", ("command", "get"), ("outcome", "ok")));
        Assert.True(PrometheusText.Value(after, "bot_command_duration_seconds_count", ("command", "get"), ("outcome", "ok")) >= 1);
        Assert.True(PrometheusText.Value(after, "labelstudio_requests_total", ("endpoint", "GET /api/ml/{id}"), ("status", "200"))
            > PrometheusText.Value(before, "labelstudio_requests_total", ("endpoint", "GET /api/ml/{id}"), ("status", "200")));
        Assert.True(PrometheusText.Value(after, "labelstudio_request_duration_seconds_count", ("endpoint", "GET /api/ml/{id}"), ("status", "200")) >= 1);
        Assert.Equal(1, PrometheusText.Value(after, "discord_gateway_state", ("state", "Ready")));
        Assert.Equal(0, PrometheusText.Value(after, "discord_gateway_state", ("state", "Stopped")));
        Assert.Contains("discord_gateway_reconnects_total", after, StringComparison.Ordinal);

        // Endpoints are route templates, and no secret ever reaches a label.
        Assert.DoesNotContain($"/api/ml/{backend.Id}\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.LabelStudio.LegacyToken, after, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Discord.BotToken, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_the_process_memory_and_the_garbage_collector_as_the_machine_sees_them()
    {
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);

        var metrics = await http.GetStringAsync("/metrics");
        var resident = Environment.WorkingSet;

        // The same process as the test (the host runs in it), so the working set is the one Linux reports for it,
        // give or take what the tests beside this one allocate in between.
        Assert.InRange(PrometheusText.Value(metrics, "dotnet_process_memory_working_set_bytes"), resident / 2.0, resident * 2.0);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_heap_total_allocated_bytes_total") > 0, metrics);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_last_collection_memory_committed_size_bytes") > 0, metrics);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_collections_total", ("gc_heap_generation", "gen0")) > 0, metrics);
    }

    [Fact]
    public async Task Gateway_reconnects_are_counted_by_mode()
    {
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);
        var before = PrometheusText.Value(await http.GetStringAsync("/metrics"), "discord_gateway_reconnects_total", ("mode", "resume"));

        await bot.Discord.SendReconnectAsync();

        await HealthProbe.MetricsAsync(http, m => PrometheusText.Value(m, "discord_gateway_reconnects_total", ("mode", "resume")) == before + 1);
    }

    [Fact]
    public async Task A_429_on_an_answer_is_waited_out_and_the_wait_is_counted_by_route_and_scope()
    {
        const string route = "PATCH /webhooks/{webhooks}/{token}/messages/@original";
        await using var bot = await BotHarness.StartAsync();
        using var http = HealthProbe.Client(bot);
        var project = bot.LabelStudio.AddProject("Cars");
        var backend = bot.LabelStudio.AddBackend(project.Id, (await bot.LabelStudio.StartMlServerAsync()).Url, "yolo");
        bot.Discord.InjectRateLimit("/messages/@original", retryAfterSeconds: 0.4);

        var answer = await bot.FinalAnswerAsync(await bot.SlashAsync("get", FakeInteractions.Option("backend", backend.Id)));
        var metrics = await HealthProbe.MetricsAsync(http, m => PrometheusText.Value(m, "discord_ratelimit_wait_duration_seconds_count", ("route", route), ("scope", "user")) == 1);

        Assert.Contains("yolo", WriteCommandKit.Text(answer.Body), StringComparison.Ordinal);
        Assert.Equal(0.4, PrometheusText.Value(metrics, "discord_ratelimit_wait_duration_seconds_sum", ("route", route), ("scope", "user")), precision: 3);
        Assert.Equal(1, PrometheusText.Value(metrics, "discord_ratelimit_wait_duration_seconds_bucket", ("route", route), ("scope", "user"), ("le", "0.5")));
        Assert.Equal(0, PrometheusText.Value(metrics, "discord_ratelimit_wait_duration_seconds_bucket", ("route", route), ("scope", "user"), ("le", "0.25")));
        Assert.Equal(0, bot.Discord.RouteLimitViolations);
    }
}
