using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Health;

/// <summary>What <c>/readyz</c> says: the gateway must be READY and Label Studio must have answered within the window.</summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Gateway _gateway = new();
    private readonly LabelStudioTelemetry _labelStudio;
    private readonly Readiness _readiness;

    public ReadinessTests()
    {
        _labelStudio = new LabelStudioTelemetry(_services.GetRequiredService<IMeterFactory>(), _time);
        _readiness = new Readiness(_gateway, _labelStudio, Options.Create(new HealthOptions { ReadinessWindow = TimeSpan.FromMinutes(15) }), _time);
    }

    [Fact]
    public void Not_ready_before_READY_and_before_Label_Studio_answered_with_both_reasons()
    {
        _gateway.State = GatewayState.Connecting;

        Assert.Equal((false, "not ready: the Discord gateway is Connecting, not Ready; Label Studio has not answered yet"), _readiness.Check());
    }

    [Fact]
    public void Ready_once_the_gateway_is_READY_and_Label_Studio_answered_until_the_window_passes()
    {
        _labelStudio.Record("GET /api/ml/", 200, TimeSpan.FromMilliseconds(30));
        Assert.Equal((true, "ready"), _readiness.Check());

        _time.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal((false, "not ready: Label Studio has not answered since 2026-11-27 01:00:00Z (Health:ReadinessWindow is 00:15:00)"), _readiness.Check());
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(400, true)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(502, false)]
    [InlineData(null, false)]
    public void A_refused_key_a_server_error_or_no_answer_is_not_Label_Studio_answering(int? status, bool ready)
    {
        _labelStudio.Record("GET /api/ml/{id}", status, TimeSpan.FromMilliseconds(30));

        Assert.Equal(ready, _readiness.Check().IsReady);
    }

    [Fact]
    public void A_stopped_gateway_gives_its_reason()
    {
        _labelStudio.Record("GET /api/ml/", 200, TimeSpan.Zero);
        _gateway.State = GatewayState.Stopped;
        _gateway.StopReason = "the token was rejected";

        Assert.Equal("not ready: the Discord gateway is Stopped, not Ready (the token was rejected)", _readiness.Check().Text);
    }

    [Theory]
    [InlineData("GET", "http://ls:8080/api/ml/?project=12", "GET /api/ml/")]
    [InlineData("GET", "http://ls:8080/api/ml/5", "GET /api/ml/{id}")]
    [InlineData("POST", "http://ls:8080/api/ml/5/interactive-annotating", "POST /api/ml/{id}/interactive-annotating")]
    [InlineData("GET", "http://ls:8080/api/projects/?page=1&page_size=100&title=secret%20plans", "GET /api/projects/")]
    public void Endpoints_are_route_templates_without_ids_or_queries(string method, string url, string endpoint) =>
        Assert.Equal(endpoint, LabelStudioTelemetry.Endpoint(new HttpMethod(method), new Uri(url)));

    public void Dispose() => _services.Dispose();

    private sealed class Gateway : IGatewayStatus
    {
        public GatewayState State { get; set; } = GatewayState.Ready;

        public string? StopReason { get; set; }

        public bool StoppedByDiscord => false;

        public TimeSpan? HeartbeatRoundTrip => null;

        public DateTimeOffset? LastEventAt => null;

        public Snowflake? ApplicationId => null;

        public User? BotUser => null;
    }
}
