using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>FakeDiscord's gateway enforces Discord's rules (docs/label-studio-behaviour.md, "Discord: gateway"), checked with a raw WebSocket.</summary>
[Collection("FakeDiscord")]
public sealed class FakeDiscordGatewayTests
{
    private static async Task<ClientWebSocket> ConnectAsync(FakeDiscord fake, string query = "?v=10&encoding=json")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(fake.GatewayUrl + query), CancellationToken.None);
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket socket, string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads until a message or the close; returns the message, or null with the close code set.</summary>
    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return result.MessageType == WebSocketMessageType.Close ? null : JsonNode.Parse(buffer.AsSpan(0, result.Count))!.AsObject();
    }

    private static async Task<int?> CloseCodeAsync(ClientWebSocket socket)
    {
        while (await ReceiveAsync(socket) is not null)
        {
        }

        return (int?)socket.CloseStatus;
    }

    private static string Identify(string token) =>
        new JsonObject { ["op"] = 2, ["d"] = new JsonObject { ["token"] = token, ["intents"] = 0, ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "t", ["device"] = "t" } } }.ToJsonString();

    [Fact]
    public async Task Says_hello_then_ready_with_a_resume_url_and_acks_heartbeats()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);

        var hello = await ReceiveAsync(socket);
        await SendAsync(socket, Identify(fake.BotToken));
        var ready = await ReceiveAsync(socket);
        await SendAsync(socket, """{"op":1,"d":1}""");
        var ack = await ReceiveAsync(socket);

        Assert.Equal(10, hello!["op"]!.GetValue<int>());
        Assert.Equal("READY", ready!["t"]!.GetValue<string>());
        Assert.Equal(1, ready["s"]!.GetValue<int>());
        Assert.Equal(fake.ResumeGatewayUrl.ToString(), ready["d"]!["resume_gateway_url"]!.GetValue<string>());
        Assert.Equal("""{"op":11}""", ack!.ToJsonString());
    }

    [Fact]
    public async Task A_bad_token_closes_with_4004()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);

        await SendAsync(socket, Identify("MTE.bad.token"));

        Assert.Equal(4004, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task A_second_identify_closes_with_4005()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);
        await SendAsync(socket, Identify(fake.BotToken));
        await ReceiveAsync(socket);

        await SendAsync(socket, Identify(fake.BotToken));

        Assert.Equal(4005, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task A_payload_before_identify_closes_with_4003()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);

        await SendAsync(socket, """{"op":3,"d":{"since":null,"activities":[],"status":"online","afk":false}}""");

        Assert.Equal(4003, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task An_oversize_payload_closes_with_4002()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);

        await SendAsync(socket, $$"""{"op":1,"d":null,"pad":"{{new string('x', 4100)}}"}""");

        Assert.Equal(4002, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task Exceeding_the_send_limit_closes_with_4008()
    {
        await using var fake = await FakeDiscord.StartAsync(new FakeDiscordOptions { GatewaySendLimit = 5 });
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);

        for (var i = 0; i < 6; i++)
            await SendAsync(socket, """{"op":1,"d":null}""");

        Assert.Equal(4008, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task Disallowed_privileged_intents_close_with_4014()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake);
        await ReceiveAsync(socket);

        await SendAsync(socket, Identify(fake.BotToken).Replace("\"intents\":0", "\"intents\":32768", StringComparison.Ordinal));

        Assert.Equal(4014, await CloseCodeAsync(socket));
    }

    [Fact]
    public async Task Resuming_a_session_closed_with_1000_gets_op9_false()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using (var first = await ConnectAsync(fake))
        {
            await ReceiveAsync(first);
            await SendAsync(first, Identify(fake.BotToken));
            await ReceiveAsync(first);
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        using var second = await ConnectAsync(fake);
        await ReceiveAsync(second);
        await SendAsync(second, new JsonObject { ["op"] = 6, ["d"] = new JsonObject { ["token"] = fake.BotToken, ["session_id"] = fake.SessionId, ["seq"] = 1 } }.ToJsonString());

        var answer = await ReceiveAsync(second);
        Assert.Equal("""{"op":9,"d":false}""", answer!.ToJsonString());
    }

    [Fact]
    public async Task Resume_replays_missed_dispatches_then_resumed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using (var first = await ConnectAsync(fake))
        {
            await ReceiveAsync(first);
            await SendAsync(first, Identify(fake.BotToken));
            await ReceiveAsync(first);
            first.Abort();
        }

        await FakeDiscord.WaitUntilAsync(() => !fake.HasLiveConnection, what: "the fake to notice the drop");
        await fake.PushInteractionAsync(FakeInteractions.SlashCommand("ml"));
        using var second = await ConnectAsync(fake);
        await ReceiveAsync(second);
        await SendAsync(second, new JsonObject { ["op"] = 6, ["d"] = new JsonObject { ["token"] = fake.BotToken, ["session_id"] = fake.SessionId, ["seq"] = 1 } }.ToJsonString());

        var replayed = await ReceiveAsync(second);
        var resumed = await ReceiveAsync(second);
        Assert.Equal("INTERACTION_CREATE", replayed!["t"]!.GetValue<string>());
        Assert.Equal(2, replayed["s"]!.GetValue<int>());
        Assert.Equal("RESUMED", resumed!["t"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_version_query_closes_with_4012()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var socket = await ConnectAsync(fake, "");

        Assert.Equal(4012, await CloseCodeAsync(socket));
    }
}
