using System.Diagnostics.Metrics;
using LabelStudioMl.Bot.Discord.Commands;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.LabelStudio.Telemetry;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudioMl.Bot.Tests.Health;

/// <summary>What <c>/readyz</c> says: the gateway must be READY and Label Studio must have answered within the window.</summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Gateway _gateway = new();
    private readonly CommandRegistrationStatus _commands = new();
    private readonly string _storePath = Path.Combine(Path.GetTempPath(), $"lsbot-ready-{Guid.NewGuid():N}.db");
    private readonly LabelStudioTelemetry _labelStudio;
    private readonly StoreHealth _store;
    private readonly Readiness _readiness;

    public ReadinessTests()
    {
        File.Create(_storePath).Dispose();
        _labelStudio = new LabelStudioTelemetry(_services.GetRequiredService<IMeterFactory>(), _time);
        _store = new StoreHealth(Options.Create(new StorageSettings { ConnectionString = $"Data Source={_storePath}" }),
            _services.GetRequiredService<IMeterFactory>(), NullLogger<StoreHealth>.Instance);
        _commands.Registered();
        _readiness = new Readiness([new GatewayReadiness(_gateway, _commands)], _labelStudio, _store, Options.Create(new HealthSettings { ReadinessWindow = TimeSpan.FromMinutes(15) }), _time);
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

    [Fact]
    public void Not_ready_while_the_commands_are_not_registered_with_the_last_attempts_failure()
    {
        _labelStudio.Record("GET /api/ml/", 200, TimeSpan.FromMilliseconds(30));
        var status = new CommandRegistrationStatus();
        var readiness = new Readiness([new GatewayReadiness(_gateway, status)], _labelStudio, _store, Options.Create(new HealthSettings()), _time);
        Assert.Equal("not ready: the /ml command is not registered with Discord yet (no attempt has finished yet)", readiness.Check().Text);

        status.Failed(2, "Discord answered 503 Service Unavailable", _time.GetUtcNow().AddSeconds(4));
        Assert.Equal("not ready: the /ml command is not registered with Discord yet (attempt 2 failed: Discord answered 503 Service Unavailable; "
            + "next attempt at 2026-11-27 01:00:04Z)", readiness.Check().Text);

        status.Registered();
        Assert.Equal((true, "ready"), readiness.Check());
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

    [Fact]
    public void A_full_store_is_not_ready_with_its_path_until_a_write_works_again()
    {
        _labelStudio.Record("GET /api/ml/", 200, TimeSpan.Zero);

        _store.Observe(new SqliteException("database or disk is full", 13));

        var (ready, text) = _readiness.Check();
        Assert.False(ready);
        Assert.StartsWith($"not ready: the store at {_storePath} is full (its disk has no space left): Free space on that disk", text, StringComparison.Ordinal);
        _store.Recovered();
        Assert.Equal((true, "ready"), _readiness.Check());
    }

    [Fact]
    public void A_store_file_deleted_under_the_bot_is_gone_for_good()
    {
        _labelStudio.Record("GET /api/ml/", 200, TimeSpan.Zero);
        Assert.True(_readiness.Check().IsReady);

        File.Delete(_storePath);
        Assert.Contains($"the store at {_storePath} is gone (the file was deleted or moved while the bot ran)", _readiness.Check().Text, StringComparison.Ordinal);

        // A file that reappears under the name is not the one the bot wrote to, and a working write does not undo it.
        File.Create(_storePath).Dispose();
        _store.Recovered();
        Assert.False(_readiness.Check().IsReady);
    }

    [Theory]
    [InlineData("GET", "http://ls:8080/api/ml/?project=12", "GET /api/ml/")]
    [InlineData("GET", "http://ls:8080/api/ml/5", "GET /api/ml/{id}")]
    [InlineData("POST", "http://ls:8080/api/ml/5/interactive-annotating", "POST /api/ml/{id}/interactive-annotating")]
    [InlineData("GET", "http://ls:8080/api/projects/?page=1&page_size=100&title=secret%20plans", "GET /api/projects/")]
    public void Endpoints_are_route_templates_without_ids_or_queries(string method, string url, string endpoint) =>
        Assert.Equal(endpoint, LabelStudioTelemetry.Endpoint(new HttpMethod(method), new Uri(url)));

    public void Dispose()
    {
        _services.Dispose();
        File.Delete(_storePath);
    }

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
