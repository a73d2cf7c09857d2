using LabelStudioMl.Bot.Testing;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// FakeDiscord and FakeLabelStudio on 127.0.0.1, in this process, with the sample data (project 1 "Cars": a connected
/// backend, one whose <c>/setup</c> fails, one whose ML server is down; project 2 "Bikes"), so every read runs Label
/// Studio's per-backend health check against live fake ML servers.
/// </summary>
internal sealed class Stands : IAsyncDisposable
{
    /// <summary>The role the fake's default member holds; granted operate (for <c>/ml watch</c>).</summary>
    public const string OperatorRole = "1100000000000000400";

    private Stands(FakeDiscord discord, FakeLabelStudio labelStudio, IReadOnlyList<FakeDiscord> responderDiscords)
    {
        Discord = discord;
        LabelStudio = labelStudio;
        ResponderDiscords = responderDiscords;
    }

    public FakeDiscord Discord { get; }

    /// <summary>
    /// A FakeDiscord for each minimal responder (a fake serves one gateway connection at a time), so they and the bot
    /// take turns within one phase; none unless asked for.
    /// </summary>
    public IReadOnlyList<FakeDiscord> ResponderDiscords { get; }

    public FakeLabelStudio LabelStudio { get; }

    public static async Task<Stands> StartAsync(FakeLabelStudioOptions? labelStudioOptions = null, int responderGateways = 0)
    {
        // Discord's real heartbeat interval: the fake's test default (500 ms) would add traffic no production bot sees.
        var discordOptions = new FakeDiscordOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(41_250) };
        var discord = await FakeDiscord.StartAsync(discordOptions);
        var labelStudio = await FakeLabelStudio.StartAsync(labelStudioOptions);
        await SampleData.SeedAsync(labelStudio);
        var responders = new List<FakeDiscord>();
        for (var i = 0; i < responderGateways; i++)
            responders.Add(await FakeDiscord.StartAsync(discordOptions));
        return new Stands(discord, labelStudio, responders);
    }

    /// <summary>
    /// The bot's configuration as <c>--Key=Value</c> arguments: production defaults except addresses, ports, keys and
    /// store (<see cref="BotProcess.Arguments"/>), with everyone viewing and <see cref="OperatorRole"/> operating.
    /// </summary>
    public string[] BotArguments(TestStore store, IReadOnlyDictionary<string, string>? extra = null)
    {
        var guild = Discord.Options.GuildId;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"Access:Guilds:{guild}:View:0"] = "@everyone",
            [$"Access:Guilds:{guild}:Operate:0"] = OperatorRole,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            settings[key] = value;
        return BotProcess.Arguments(Discord, LabelStudio, store, settings);
    }

    /// <summary>Drops the fakes' recordings so their own memory stays flat over long runs.</summary>
    public void ForgetRecordings()
    {
        Discord.ClearRecordings();
        foreach (var responder in ResponderDiscords)
            responder.ClearRecordings();
        LabelStudio.ClearRequests();
        foreach (var server in LabelStudio.MlServers)
            server.ClearRequests();
    }

    public async ValueTask DisposeAsync()
    {
        await Discord.DisposeAsync();
        foreach (var responder in ResponderDiscords)
            await responder.DisposeAsync();
        await LabelStudio.DisposeAsync();
    }
}
