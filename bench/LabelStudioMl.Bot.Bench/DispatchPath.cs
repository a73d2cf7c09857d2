using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// One interaction through the bot's own code, in this process, without sockets: the gateway message is parsed as the
/// receive loop does, handed to the dispatch handlers in a DI scope as the pump does, then dispatcher → command →
/// Label Studio client (Refit, resilience, auth) → presenter → responder → Discord REST client (Refit, rate limiter);
/// every HTTP call is answered from memory (<see cref="CannedHttp"/>). Logging runs at Warning, so the per-interaction
/// Information line is not rendered.
/// </summary>
internal sealed class DispatchPath : IDisposable
{
    private const string IdPlaceholder = "1999999999999999999";
    private const string ProjectsPath = "/api/projects/?page=1&page_size=100";
    private readonly IHost _host;
    private readonly byte[] _list;
    private readonly byte[] _get;
    private readonly int[] _listIds;
    private readonly int[] _getIds;
    private long _nextId = 1_300_000_000_000_000_000;

    private DispatchPath(IHost host)
    {
        _host = host;
        (_list, _listIds) = Envelope(InteractionDriver.List());
        (_get, _getIds) = Envelope(InteractionDriver.Get());
    }

    public static async Task<DispatchPath> CreateAsync()
    {
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var labelStudio = await FakeLabelStudio.StartAsync())
        {
            await SampleData.SeedAsync(labelStudio);
            using var direct = new DirectLabelStudio(labelStudio.BaseUrl, labelStudio.LegacyToken);
            // The project list too: the running bot's catalog holds the projects (its refresher reads them at start), so
            // here the first interaction's title lookup fills the catalog and the measured ones find the title there.
            foreach (var path in new[] { DirectLabelStudio.ListPath, DirectLabelStudio.GetPath, ProjectsPath })
                bodies[path] = await direct.FetchAsync(path);
        }

        var discord = new FakeDiscordOptions();
        var builder = BotHost.CreateBuilder(
        [
            "--LabelStudio:Url=http://127.0.0.1:9",
            $"--LabelStudio:ApiKey={new string('a', 40)}",
            $"--Discord:Token={discord.BotToken}",
            $"--Access:Guilds:{discord.GuildId}:View:0=@everyone",
            "--Serilog:MinimumLevel:Default=Warning",
        ], ProcessVerb.Run);
        var canned = new CannedHttp(bodies);
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = canned));
        return new DispatchPath(builder.Build());
    }

    /// <summary>Runs one <c>/ml list project:1</c> or <c>/ml get backend:1</c> interaction to its final answer.</summary>
    public async Task RunAsync(bool list)
    {
        var (envelope, offsets) = list ? (_list, _listIds) : (_get, _getIds);
        var id = Interlocked.Increment(ref _nextId);
        foreach (var offset in offsets)
            Utf8Formatter.TryFormat(id, envelope.AsSpan(offset, IdPlaceholder.Length), out _);
        var payload = JsonSerializer.Deserialize(envelope, DiscordJsonContext.Default.GatewayPayload)!;
        var dispatch = new GatewayDispatch(payload.T!, payload.S, payload.D ?? default, DateTimeOffset.UtcNow);
        await using var scope = _host.Services.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IGatewayDispatchHandler>())
            await handler.HandleAsync(dispatch, CancellationToken.None);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>The gateway message of an interaction, with the byte offsets of its 19-digit id (also inside its token).</summary>
    private static (byte[] Envelope, int[] IdOffsets) Envelope(System.Text.Json.Nodes.JsonObject interaction)
    {
        var discord = new FakeDiscordOptions();
        interaction["id"] = IdPlaceholder;
        interaction["token"] = $"fake-interaction-token-{IdPlaceholder}";
        interaction["application_id"] = discord.ApplicationId;
        interaction["version"] = 1;
        var json = $$"""{"op":0,"s":1,"t":"INTERACTION_CREATE","d":{{interaction.ToJsonString()}}}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var placeholder = Encoding.UTF8.GetBytes(IdPlaceholder);
        var offsets = new List<int>();
        for (var at = bytes.AsSpan().IndexOf(placeholder); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(placeholder) is var next and >= 0 ? at + 1 + next : -1)
            offsets.Add(at);
        return (bytes, [.. offsets]);
    }
}
