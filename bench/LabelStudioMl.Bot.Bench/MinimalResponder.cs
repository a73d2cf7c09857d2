using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Bench;

/// <summary>
/// The least any bot has to do for <c>/ml list project:1</c> and <c>/ml get backend:1</c>: take INTERACTION_CREATE off
/// the gateway, defer, make the same Label Studio request as <see cref="DirectLabelStudio"/>, and edit <c>@original</c>
/// with a one-line text, in the order the architecture requires (acknowledged before any Label Studio call). No access
/// check, options, resilience, presenter, audit or logging. The bot's end-to-end time ÷ its own, taken in turns in the
/// same phase, is the bench's measure of the bot's own cost (see <c>bench/README.md</c>). It runs as a process of its own
/// (<see cref="ResponderProcess"/>), as any bot does, and also inside the bench process beside the fakes, where it pays
/// no wake-up of a process that sleeps between interactions. Each answers on a FakeDiscord of its own, so the bot can
/// stay connected to its gateway meanwhile.
/// </summary>
internal sealed class MinimalResponder : IResponder
{
    private readonly ClientWebSocket _socket = new();
    private readonly HttpClient _discord;
    private readonly DirectLabelStudio _labelStudio;
    private readonly string _applicationId;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private Task _receiving = Task.CompletedTask;
    private Task _heartbeating = Task.CompletedTask;
    private long _sequence = -1;

    private MinimalResponder(Target target)
    {
        _applicationId = target.ApplicationId;
        _discord = new HttpClient { BaseAddress = new Uri(target.ApiBaseUrl + "/") };
        _discord.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", target.BotToken);
        _discord.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com, 1.0)");
        _labelStudio = new DirectLabelStudio(target.LabelStudioUrl, target.LabelStudioToken);
    }

    public string? Failure => _failures.TryPeek(out var failure) ? failure : null;

    /// <summary>Connects and identifies on <paramref name="discord"/>'s gateway; returns once it is ready for interactions.</summary>
    /// <param name="discord">The fake Discord whose interactions it answers.</param>
    /// <param name="labelStudio">The fake Label Studio it reads from.</param>
    public static async Task<MinimalResponder> StartAsync(FakeDiscord discord, FakeLabelStudio labelStudio)
    {
        var identified = discord.IdentifyCount;
        var responder = await ConnectAsync(Target.Of(discord, labelStudio));
        await FakeDiscord.WaitUntilAsync(() => discord.IdentifyCount > identified, TimeSpan.FromSeconds(10), "the minimal responder to identify");
        return responder;
    }

    /// <summary>
    /// The responder's own process (<c>--minimal-responder</c>): answers on the gateway <see cref="Target.FromEnvironment"/>
    /// names until its standard input closes, writing each failure to standard error as it happens.
    /// </summary>
    /// <returns>The exit code: 0, or 1 when it failed to answer.</returns>
    public static async Task<int> RunAsProcessAsync()
    {
        await using var responder = await ConnectAsync(Target.FromEnvironment());
        await Console.In.ReadToEndAsync();
        return responder.Failure is null ? 0 : 1;
    }

    private static async Task<MinimalResponder> ConnectAsync(Target target)
    {
        var responder = new MinimalResponder(target);
        await responder._socket.ConnectAsync(new Uri($"{target.GatewayUrl}?v=10&encoding=json"), CancellationToken.None);
        var hello = await responder.ReceiveAsync(new ArrayBufferWriter<byte>());
        var interval = TimeSpan.FromMilliseconds(hello.RootElement.GetProperty("d").GetProperty("heartbeat_interval").GetInt32());
        await responder.SendAsync(new { op = 2, d = new { token = target.BotToken, intents = 0, properties = new { os = "linux", browser = "bench", device = "bench" } } });
        responder._receiving = responder.ReceiveLoopAsync();
        responder._heartbeating = responder.HeartbeatAsync(interval);
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await Task.WhenAll(_receiving, _heartbeating);
        _socket.Dispose();
        _discord.Dispose();
        _labelStudio.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var payload = await ReceiveAsync(buffer);
                var root = payload.RootElement;
                if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number)
                    Interlocked.Exchange(ref _sequence, s.GetInt64());
                if (root.TryGetProperty("t", out var t) && t.ValueEquals("INTERACTION_CREATE"u8))
                {
                    var d = root.GetProperty("d");
                    var (id, token) = (d.GetProperty("id").GetString()!, d.GetProperty("token").GetString()!);
                    var path = d.GetProperty("data").GetProperty("options")[0].GetProperty("name").ValueEquals("list"u8) ? DirectLabelStudio.ListPath : DirectLabelStudio.GetPath;
                    _ = AnswerAsync(id, token, path);
                }
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or WebSocketException)
        {
        }
        catch (Exception e)
        {
            Fail($"gateway: {e.Message}");
        }
    }

    private async Task AnswerAsync(string id, string token, string path)
    {
        try
        {
            await DeferAsync(id, token);
            var body = await _labelStudio.FetchAsync(path);
            using var content = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"content":"{{body.Length}} bytes from Label Studio"}"""), Encoding.UTF8, "application/json");
            using var edited = await _discord.PatchAsync(new Uri($"webhooks/{_applicationId}/{token}/messages/@original", UriKind.Relative), content);
            edited.EnsureSuccessStatusCode();
        }
        catch (Exception e)
        {
            Fail($"interaction {id}: {e.Message}");
        }
    }

    private async Task DeferAsync(string id, string token)
    {
        using var content = new StringContent("""{"type":5}""", Encoding.UTF8, "application/json");
        using var deferred = await _discord.PostAsync(new Uri($"interactions/{id}/{token}/callback", UriKind.Relative), content);
        deferred.EnsureSuccessStatusCode();
    }

    private async Task HeartbeatAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token);
                var sequence = Interlocked.Read(ref _sequence);
                await SendAsync(new { op = 1, d = sequence < 0 ? (long?)null : sequence });
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or WebSocketException)
        {
        }
        catch (Exception e)
        {
            Fail($"heartbeat: {e.Message}");
        }
    }

    private async Task<JsonDocument> ReceiveAsync(ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(buffer.GetMemory(4096), _stop.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException($"the gateway closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
            buffer.Advance(received.Count);
        }
        while (!received.EndOfMessage);
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private Task SendAsync<T>(T payload) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload), WebSocketMessageType.Text, true, _stop.Token);

    private void Fail(string failure)
    {
        _failures.Enqueue(failure);
        Console.Error.WriteLine(failure);
    }

    /// <summary>Where the responder answers and reads; passed to its own process in environment variables.</summary>
    public sealed record Target(Uri GatewayUrl, Uri ApiBaseUrl, string BotToken, string ApplicationId, Uri LabelStudioUrl, string LabelStudioToken)
    {
        private const string Prefix = "LSML_BENCH_RESPONDER_";

        public static Target Of(FakeDiscord discord, FakeLabelStudio labelStudio) =>
            new(discord.GatewayUrl, discord.ApiBaseUrl, discord.BotToken, discord.ApplicationId, labelStudio.BaseUrl, labelStudio.LegacyToken);

        public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "GATEWAY"] = GatewayUrl.ToString(),
            [Prefix + "API"] = ApiBaseUrl.ToString(),
            [Prefix + "BOT_TOKEN"] = BotToken,
            [Prefix + "APPLICATION"] = ApplicationId,
            [Prefix + "LABEL_STUDIO"] = LabelStudioUrl.ToString(),
            [Prefix + "LABEL_STUDIO_TOKEN"] = LabelStudioToken,
        };

        public static Target FromEnvironment()
        {
            static string Get(string name) => System.Environment.GetEnvironmentVariable(Prefix + name)
                ?? throw new InvalidOperationException($"{Prefix}{name} is not set: the bench starts this process with it.");
            return new(new Uri(Get("GATEWAY")), new Uri(Get("API")), Get("BOT_TOKEN"), Get("APPLICATION"), new Uri(Get("LABEL_STUDIO")), Get("LABEL_STUDIO_TOKEN"));
        }
    }
}
