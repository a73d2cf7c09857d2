using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Rest;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>A Generic Host wired like the product (AddDiscordGateway) against a FakeDiscord, with fast timings.</summary>
public sealed class DiscordHarness : IAsyncDisposable
{
    private DiscordHarness(IHost host, FakeDiscord fake, RecordingDispatchHandler handler, CapturedLogs logs)
    {
        Host = host;
        Fake = fake;
        Handler = handler;
        Logs = logs;
    }

    public IHost Host { get; }

    public FakeDiscord Fake { get; }

    public RecordingDispatchHandler Handler { get; }

    public CapturedLogs Logs { get; }

    public GatewaySession Session => Host.Services.GetRequiredService<GatewaySession>();

    public IDiscordRestApi Rest => Host.Services.GetRequiredService<IDiscordRestApi>();

    public static Dictionary<string, string?> FastTimings() => new()
    {
        ["Discord:ReconnectBaseDelay"] = "00:00:00.100",
        ["Discord:ReconnectMaxDelay"] = "00:00:01",
        ["Discord:InvalidSessionMaxDelay"] = "00:00:00.200",
        ["Discord:IdentifyWindow"] = "00:00:00.050",
        ["Discord:CloseTimeout"] = "00:00:01",
        ["Discord:ConnectTimeout"] = "00:00:10",
    };

    /// <summary>Builds (and, with <paramref name="start"/>, starts) a host with the gateway.</summary>
    public static async Task<DiscordHarness> StartAsync(
        FakeDiscord fake,
        IDictionary<string, string?>? overrides = null,
        bool gateway = true,
        bool start = true)
    {
        var settings = new Dictionary<string, string?>(fake.Configuration());
        foreach (var (key, value) in FastTimings())
            settings[key] = value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var handler = new RecordingDispatchHandler();
        builder.Services.AddSingleton<IGatewayDispatchHandler>(handler);
        if (gateway)
            builder.Services.AddDiscordGateway();
        else
            builder.Services.AddDiscordRest();
        var host = builder.Build();
        if (start)
            await host.StartAsync();
        return new DiscordHarness(host, fake, handler, logs);
    }

    public Task WaitUntilAsync(Func<bool> condition, string what) =>
        FakeDiscord.WaitUntilAsync(condition, TimeSpan.FromSeconds(10), what + Environment.NewLine + Logs.All);

    public Task WaitUntilReadyAsync() =>
        WaitUntilAsync(() => Session.State == GatewayState.Ready && Fake.HasLiveConnection, "the gateway to be ready");

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Host.StopAsync(cts.Token);
        }
        finally
        {
            Host.Dispose();
        }
    }
}
