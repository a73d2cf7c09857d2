using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Storage;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;

namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot host (as <c>run</c> builds it) against FakeDiscord and FakeLabelStudio, with a temporary store.
/// The fake guild grants: its first role (…400, held by the default test user) operate; role …402 admin; everyone view.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string OperatorRole = "1100000000000000400";
    public const string AdminRole = "1100000000000000402";

    private readonly TemporaryDatabase _database;
    private readonly string[] _arguments;
    private readonly Action<IServiceCollection>? _services;
    private StoreLock? _storeLock;

    private BotHarness(FakeDiscord discord, FakeLabelStudio labelStudio, TemporaryDatabase database, string[] arguments, Action<IServiceCollection>? services)
    {
        Discord = discord;
        LabelStudio = labelStudio;
        _database = database;
        _arguments = arguments;
        _services = services;
    }

    public FakeDiscord Discord { get; }

    public FakeLabelStudio LabelStudio { get; }

    /// <summary>The running host; <see cref="RestartAsync"/> replaces it.</summary>
    public IHost Host { get; private set; } = null!;

    public string DatabasePath => _database.Path;

    /// <summary>
    /// Every line the bot logged, at Warning and above unless the settings lower the level (see
    /// <see cref="InformationLogging"/>); tests that read it run in <see cref="CapturedLogsGroup"/>.
    /// </summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Settings for the HTTP interactions transport: an endpoint on a free port of 127.0.0.1 and the fake application's
    /// public key; the bot holds no gateway session then.
    /// </summary>
    public static Dictionary<string, string> HttpInteractions(FakeDiscord discord) => new(StringComparer.Ordinal)
    {
        ["Discord:Interactions:Mode"] = "Http",
        ["Discord:Interactions:Url"] = "http://127.0.0.1:0/interactions",
        ["Discord:PublicKey"] = discord.PublicKey,
    };

    /// <summary>The bot's Interactions Endpoint URL (HTTP mode).</summary>
    public Uri InteractionsEndpoint => Host.Services.GetRequiredService<HttpInteractionEndpoint>().Address
        ?? throw new InvalidOperationException("The interactions endpoint is not listening.");

    /// <summary>Settings that make the bot log Information and above, for tests that read <see cref="Logs"/>.</summary>
    public static Dictionary<string, string> InformationLogging() =>
        new(StringComparer.Ordinal) { ["Serilog:MinimumLevel:Default"] = "Information" };

    /// <param name="settings">Configuration on top of the harness defaults.</param>
    /// <param name="labelStudioOptions">Options of the fake Label Studio.</param>
    /// <param name="services">Replaces registrations of the real host before it is built (e.g. a store on a fake clock).</param>
    /// <param name="personalAccessToken">The bot signs in with a personal access token in place of the legacy token.</param>
    /// <param name="discordBeforeStart">Sets up the fake Discord before the bot starts (e.g. faults met at start).</param>
    /// <param name="http">The bot takes interactions over HTTP (<see cref="HttpInteractions"/>) instead of the gateway.</param>
    public static async Task<BotHarness> StartAsync(
        IDictionary<string, string>? settings = null, FakeLabelStudioOptions? labelStudioOptions = null, Action<IServiceCollection>? services = null,
        bool personalAccessToken = false, Action<FakeDiscord>? discordBeforeStart = null, bool http = false)
    {
        var discord = await FakeDiscord.StartAsync();
        if (http)
            settings = new Dictionary<string, string>(HttpInteractions(discord).Concat(settings ?? new Dictionary<string, string>()), StringComparer.Ordinal);
        discordBeforeStart?.Invoke(discord);
        var labelStudio = await FakeLabelStudio.StartAsync(labelStudioOptions);
        // A test that names SQLite gets a file (deleted, filled or locked under the bot), whatever the run's provider.
        var database = settings?.TryGetValue("Storage:Provider", out var provider) == true && provider == nameof(StorageProvider.Sqlite)
            ? TemporaryDatabase.Sqlite()
            : new TemporaryDatabase();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LabelStudio:Url"] = labelStudio.BaseUrl.ToString(),
            ["LabelStudio:ApiKey"] = personalAccessToken ? labelStudio.CreatePersonalAccessToken() : labelStudio.LegacyToken,
            ["LabelStudio:ReadRetries"] = "0",
            ["Discord:ReconnectBaseDelay"] = "00:00:00.100",
            ["Discord:ReconnectMaxDelay"] = "00:00:01",
            ["Discord:IdentifyWindow"] = "00:00:00.050",
            [$"Access:Guilds:{discord.Options.GuildId}:View:0"] = "@everyone",
            [$"Access:Guilds:{discord.Options.GuildId}:Operate:0"] = OperatorRole,
            [$"Access:Guilds:{discord.Options.GuildId}:Admin:0"] = AdminRole,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Health:Port"] = "0",
            // On a PostgreSQL store, a restarted host resumes the runs of the one before once it stopped beating.
            ["Leader:TakeoverTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in database.Store.Settings)
            values[key] = value;
        foreach (var (key, value) in discord.Configuration())
            values[key] = value ?? "";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            values[key] = value;

        var harness = new BotHarness(discord, labelStudio, database, [.. values.Select(v => $"--{v.Key}={v.Value}")], services);
        await harness.StartHostAsync();
        return harness;
    }

    /// <summary>Stops the bot as a shutdown would and starts a new host on the same store, fakes and settings.</summary>
    public async Task RestartAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    private async Task StartHostAsync()
    {
        var identifiesBefore = Discord.IdentifyCount;
        var builder = BotHost.CreateBuilder(_arguments, ProcessVerb.Run);
        builder.Services.AddSingleton<ILogEventSink>(Logs);
        _services?.Invoke(builder.Services);
        Host = builder.Build();
        // As the bot's run verb does: the lock on the store, and the store's health following the file it holds.
        _storeLock = Host.Services.GetRequiredService<StoreHealth>().HoldLock();
        await Host.Services.GetRequiredService<BotDatabase>().MigrateAsync();
        await Host.StartAsync();
        if (Host.Services.GetService<HttpInteractionEndpoint>() is null)
        {
            await FakeDiscord.WaitUntilAsync(() => Discord.HasLiveConnection && Discord.IdentifyCount > identifiesBefore, TimeSpan.FromSeconds(15),
                "the bot to connect to the gateway");
        }
    }

    private async Task StopHostAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Host.StopAsync(cts.Token);
        }
        finally
        {
            Host.Dispose();
            _storeLock?.Dispose();
        }
    }

    /// <summary>Pushes <c>/ml name options…</c> from the default guild member and returns the interaction id.</summary>
    public Task<string> SlashAsync(string name, params JsonObject[] options) =>
        Discord.PushInteractionAsync(FakeInteractions.SlashCommand(CommandRootName, FakeInteractions.SubCommand(name, options)));

    /// <summary>Pushes <c>/ml name options…</c> from a member holding exactly <paramref name="roles"/>.</summary>
    public Task<string> SlashAsAsync(string[] roles, string name, params JsonObject[] options) =>
        Discord.PushInteractionAsync(FakeInteractions.SlashCommandBy(roles, "0", CommandRootName, FakeInteractions.SubCommand(name, options)));

    /// <summary>Waits for the interaction's final answer: an <c>@original</c> edit, or a follow-up.</summary>
    public Task<RecordedMessage> FinalAnswerAsync(string interactionId, bool followUp = false) => Discord.AnswerAsync(interactionId, followUp);

    /// <summary>The initial callback of the interaction (defer, message, autocomplete…).</summary>
    public Task<RecordedCallback> CallbackAsync(string interactionId) => Discord.CallbackAsync(interactionId);

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Discord.DisposeAsync();
        await LabelStudio.DisposeAsync();
        _database.Dispose();
    }

    private const string CommandRootName = CommandTree.RootName;
}
