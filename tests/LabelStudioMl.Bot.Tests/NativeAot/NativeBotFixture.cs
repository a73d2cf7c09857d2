using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Tests.NativeAot;

/// <summary>
/// The Native AOT binary, published once into <c>artifacts/native-bot</c>, and FakeDiscord and FakeLabelStudio seeded
/// with <see cref="SampleData"/>; the bot runs as one process for every test of the class, started by the first
/// command (so tests that start their own process do not depend on it). The fake guild's role …400 (held by the
/// default member) may operate, role …402 administer, everyone view.
/// </summary>
public sealed class NativeBotFixture : IAsyncLifetime
{
    /// <summary>The test collection of the tests of the AOT binary, run alone.</summary>
    public const string CollectionName = "Native AOT";

    /// <summary>The role that may add, update and remove backends.</summary>
    public const string AdminRole = "1100000000000000402";

    /// <summary>The role the default member holds; may operate.</summary>
    public const string OperatorRole = "1100000000000000400";

    /// <summary>What the bot must never print: a failure of code that needs a JIT or reflection metadata.</summary>
    private static readonly string[] RuntimeFailures =
    [
        "Unhandled exception", "NotSupportedException", "PlatformNotSupportedException", "MissingMethodException",
        "MissingMetadataException", "TypeInitializationException", "Dynamic code generation is not supported",
        "Reflection-based serialization has been disabled",
    ];

    private readonly TestStore _database = TestStore.Create();
    private readonly Lazy<Task<BotProcess>> _bot;

    public NativeBotFixture() => _bot = new Lazy<Task<BotProcess>>(StartBotAsync);

    /// <summary>The published binary.</summary>
    public string Executable { get; private set; } = "";

    public FakeDiscord Discord { get; private set; } = null!;

    public FakeLabelStudio LabelStudio { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Executable = await NativeBot.PublishAsync(Path.Combine(RepositoryPaths.Root, "artifacts", "native-bot"));
        Discord = await FakeDiscord.StartAsync();
        LabelStudio = await FakeLabelStudio.StartAsync();
        await SampleData.SeedAsync(LabelStudio);
    }

    /// <summary>The log category of the compaction once start-up is done (its line is at the Debug level).</summary>
    public const string StartupCompactionCategory = "LabelStudioMl.Bot.Hosting.StartupCompaction";

    /// <summary>Everything the fixture's bot printed so far.</summary>
    public async Task<string> OutputAsync() => (await _bot.Value).Output;

    private Task<BotProcess> StartBotAsync()
    {
        var guild = Discord.Options.GuildId;
        return BotProcess.StartAsync(Discord, Arguments(new Dictionary<string, string>
        {
            [$"Access:Guilds:{guild}:View:0"] = "@everyone",
            [$"Access:Guilds:{guild}:Operate:0"] = OperatorRole,
            [$"Access:Guilds:{guild}:Admin:0"] = AdminRole,
            ["Watch:Interval"] = "00:00:00.200",
            [$"Serilog:MinimumLevel:Override:{StartupCompactionCategory}"] = "Debug",
        }), Executable);
    }

    /// <summary>
    /// The bot's arguments against the fakes (<paramref name="discord"/> instead of <see cref="Discord"/> when given)
    /// and this fixture's store, with <paramref name="settings"/> on top.
    /// </summary>
    public string[] Arguments(IReadOnlyDictionary<string, string> settings, FakeDiscord? discord = null) =>
        BotProcess.Arguments(discord ?? Discord, LabelStudio, _database, settings);

    /// <summary>A backend of the sample data by title.</summary>
    public FakeBackend Backend(string title) => LabelStudio.Backends.Single(b => b.Title == title);

    /// <summary><c>/ml name options…</c> from the default member holding the admin and operator roles; the interaction id.</summary>
    public Task<string> SlashAsync(string name, params JsonObject[] options) =>
        PushAsync(FakeInteractions.SlashCommandBy([AdminRole, OperatorRole], "0", "ml", FakeInteractions.SubCommand(name, options)));

    /// <summary>Sends the interaction through the gateway once the bot runs; the interaction id.</summary>
    public async Task<string> PushAsync(JsonObject interaction)
    {
        await _bot.Value;
        return await Discord.PushInteractionAsync(interaction);
    }

    /// <summary><c>/ml name options…</c> and the final (<c>@original</c>) answer.</summary>
    public async Task<RecordedMessage> AnswerAsync(string name, params JsonObject[] options) => await AnswerToAsync(await SlashAsync(name, options));

    /// <summary>The interaction's final answer (see <see cref="FakeDiscord.AnswerAsync"/>); fails with what the bot printed when none came.</summary>
    public async Task<RecordedMessage> AnswerToAsync(string interactionId, bool followUp = false)
    {
        try
        {
            return await Discord.AnswerAsync(interactionId, followUp);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} The bot printed:\n{(await _bot.Value).Output}", e);
        }
    }

    /// <summary>
    /// The running bot's <c>/metrics</c> and its resident memory as Linux counts it (<c>VmRSS</c>), read one right
    /// after the other.
    /// </summary>
    public async Task<(string Metrics, long ResidentBytes)> MetricsAsync()
    {
        var bot = await _bot.Value;
        var address = bot.HealthAddress ?? throw new InvalidOperationException($"The bot never said where it serves /metrics:\n{bot.Output}");
        using var http = new HttpClient { BaseAddress = address };
        var metrics = await http.GetStringAsync("/metrics");
        bot.Process.Refresh();
        return (metrics, bot.Process.WorkingSet64);
    }

    /// <summary>The bot still runs and printed no failure of AOT-incompatible code.</summary>
    public async Task AssertHealthyAsync()
    {
        var bot = await _bot.Value;
        var output = bot.Output;
        Assert.False(bot.HasExited, $"The bot exited:\n{output}");
        AssertNoRuntimeFailure(output);
    }

    /// <summary><paramref name="output"/> names none of the failures of code that needs a JIT or reflection metadata.</summary>
    public static void AssertNoRuntimeFailure(string output)
    {
        foreach (var failure in RuntimeFailures)
            Assert.False(output.Contains(failure, StringComparison.Ordinal), $"The bot printed \"{failure}\":\n{output}");
    }

    public async Task DisposeAsync()
    {
        if (_bot.IsValueCreated && _bot.Value.IsCompletedSuccessfully)
            await (await _bot.Value).DisposeAsync();
        if (Discord is not null)
            await Discord.DisposeAsync();
        if (LabelStudio is not null)
            await LabelStudio.DisposeAsync();
        _database.Dispose();
    }
}
