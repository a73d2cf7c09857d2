using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>
/// An in-process Discord on 127.0.0.1 (free port) that speaks the real wire protocols: a gateway WebSocket with
/// fault knobs and replay on resume, and REST endpoints that validate like Discord, send rate-limit headers,
/// inject 429s and record every request. Its rules: docs/label-studio-behaviour.md, "Discord: REST and rate limits" and "Discord: interactions and messages".
/// </summary>
public sealed partial class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<GatewayConnectionAttempt> _attempts = new();
    private int _nextId = 1;

    private FakeDiscord(WebApplication app, FakeDiscordOptions options)
    {
        _app = app;
        Options = options;
    }

    /// <summary>The settings.</summary>
    public FakeDiscordOptions Options { get; }

    /// <summary>The REST base, <c>http://127.0.0.1:port/api/v10</c>; put it into <c>Discord:ApiBaseUrl</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>The gateway URL returned by <c>GET /gateway/bot</c>.</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The URL returned as <c>resume_gateway_url</c> in READY.</summary>
    public Uri ResumeGatewayUrl { get; private set; } = null!;

    /// <summary>The token the fake accepts.</summary>
    public string BotToken => Options.BotToken;

    /// <summary>The application id.</summary>
    public string ApplicationId => Options.ApplicationId;

    /// <summary>Every REST request, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Every gateway connection attempt, in arrival order.</summary>
    public IReadOnlyList<GatewayConnectionAttempt> ConnectionAttempts => [.. _attempts];

    /// <summary>Starts a fake on a free port of 127.0.0.1.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <returns>The running fake.</returns>
    public static async Task<FakeDiscord> StartAsync(FakeDiscordOptions? options = null)
    {
        options ??= new FakeDiscordOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeDiscord(app, options);
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/gateway" || context.Request.Path == "/resume")
                await fake.AcceptGatewayAsync(context);
            else if (context.Request.Path.StartsWithSegments("/api/v10", out var rest))
                await fake.HandleRestAsync(context, rest.Value ?? "/");
            else
                await next(context);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        fake.ApiBaseUrl = new Uri($"http://127.0.0.1:{address.Port}/api/v10");
        fake.GatewayUrl = new Uri($"ws://127.0.0.1:{address.Port}/gateway");
        fake.ResumeGatewayUrl = new Uri($"ws://127.0.0.1:{address.Port}/resume");
        return fake;
    }

    /// <summary>Configuration for the bot: <c>Discord:Token</c>, <c>Discord:ApiBaseUrl</c>, <c>Discord:GuildId</c>.</summary>
    /// <returns>Key/value pairs for an in-memory configuration.</returns>
    public IReadOnlyDictionary<string, string?> Configuration() => new Dictionary<string, string?>
    {
        ["Discord:Token"] = BotToken,
        ["Discord:ApiBaseUrl"] = ApiBaseUrl.ToString(),
        ["Discord:GuildId"] = Options.GuildId,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _currentConnection?.Abort();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }

    private string NextSnowflake() => (1100000000000090000L + Interlocked.Increment(ref _nextId)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static JsonObject Error(int code, string message) => new() { ["message"] = message, ["code"] = code };
}
