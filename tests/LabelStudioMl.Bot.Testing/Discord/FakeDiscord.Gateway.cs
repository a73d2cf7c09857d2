using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudioMl.Bot.Testing.Discord;

public sealed partial class FakeDiscord
{
    private const long PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);
    private const long KnownIntents = (1L << 26) - 1;
    private readonly Lock _gatewayLock = new();
    private readonly SemaphoreSlim _dispatchLock = new(1, 1);
    private readonly ConcurrentQueue<int?> _clientCloseCodes = new();
    private readonly ConcurrentQueue<JsonNode?> _heartbeats = new();
    private readonly ConcurrentQueue<JsonObject> _gatewayPayloads = new();
    private readonly ConcurrentQueue<DateTimeOffset> _identifiedAt = new();
    private FakeGatewayConnection? _currentConnection;
    private FakeSession? _session;
    private int _refuseConnections;
    private bool _reconnectBeforeHello;
    private int? _closeNextIdentifyWith;
    private int _identifies;
    private int _resumes;
    private int _sessionStartRemaining = -1;

    /// <summary>
    /// What follows every accepted Resume, right after RESUMED: nothing, op 7 Reconnect, a frame that is not JSON, or
    /// the TCP connection dropped 100 ms later. A flapping gateway (or a middlebox) that a client must not answer
    /// with a reconnect storm: Discord counts every connection toward its session limits (gateway.mdx, "Resuming").
    /// </summary>
    public AfterResume AfterEveryResume { get; set; }

    /// <summary>Whether heartbeats are answered with op 11 (set false to make the connection a zombie).</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>Whether a client's close frame is answered; false plays a dead peer that never completes the close handshake.</summary>
    public bool AnswerCloseFrames { get; set; } = true;

    /// <summary>Privileged intents enabled "in the developer portal"; others in an Identify close with 4014.</summary>
    public long EnabledPrivilegedIntents { get; set; }

    /// <summary>How many Identify payloads were accepted.</summary>
    public int IdentifyCount => Volatile.Read(ref _identifies);

    /// <summary>How many Resume payloads were accepted (replay followed by RESUMED).</summary>
    public int ResumeCount => Volatile.Read(ref _resumes);

    /// <summary>Close codes the client sent (null: the TCP connection ended without a close frame).</summary>
    public IReadOnlyList<int?> ClientCloseCodes => [.. _clientCloseCodes];

    /// <summary>The <c>d</c> of every heartbeat received.</summary>
    public IReadOnlyList<JsonNode?> Heartbeats => [.. _heartbeats];

    /// <summary>When each accepted Identify arrived.</summary>
    public IReadOnlyList<DateTimeOffset> IdentifiedAt => [.. _identifiedAt];

    /// <summary>Every payload the client sent over the gateway.</summary>
    public IReadOnlyList<JsonObject> GatewayPayloads => [.. _gatewayPayloads];

    /// <summary>Whether a connection is authenticated and caught up (READY or RESUMED sent).</summary>
    public bool HasLiveConnection
    {
        get
        {
            lock (_gatewayLock)
                return _currentConnection is { Live: true };
        }
    }

    /// <summary>The current session's id.</summary>
    public string? SessionId
    {
        get
        {
            lock (_gatewayLock)
                return _session?.Id;
        }
    }

    /// <summary>Refuses the next <paramref name="count"/> WebSocket upgrades with HTTP 503.</summary>
    /// <param name="count">How many.</param>
    public void RefuseNextConnections(int count)
    {
        lock (_gatewayLock)
            _refuseConnections = count;
    }

    /// <summary>The next connection gets op 7 Reconnect before Hello.</summary>
    public void SendReconnectBeforeNextHello()
    {
        lock (_gatewayLock)
            _reconnectBeforeHello = true;
    }

    /// <summary>The next Identify is answered by closing with <paramref name="code"/> (4004, 4013, 4014…).</summary>
    /// <param name="code">The close code.</param>
    public void CloseNextIdentifyWith(int code)
    {
        lock (_gatewayLock)
            _closeNextIdentifyWith = code;
    }

    /// <summary>Sends op 7 Reconnect on the current connection.</summary>
    /// <returns>Completes when sent.</returns>
    public Task SendReconnectAsync() => SendOnCurrentAsync("""{"op":7,"d":null}""");

    /// <summary>Sends op 1: the client must heartbeat at once.</summary>
    /// <returns>Completes when sent.</returns>
    public Task RequestHeartbeatAsync() => SendOnCurrentAsync("""{"op":1,"d":null}""");

    /// <summary>Sends op 9; with <paramref name="resumable"/> false the session is also dropped.</summary>
    /// <param name="resumable">The <c>d</c> boolean.</param>
    /// <returns>Completes when sent.</returns>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable)
            InvalidateSession();
        return SendOnCurrentAsync(resumable ? """{"op":9,"d":true}""" : """{"op":9,"d":false}""");
    }

    /// <summary>Closes the current connection with <paramref name="code"/>; 4003, 4007 and 4009 also drop the session.</summary>
    /// <param name="code">The close code.</param>
    /// <returns>Completes when the close frame is sent.</returns>
    public async Task CloseConnectionAsync(int code)
    {
        if (code is 4003 or 4007 or 4009)
            InvalidateSession();
        var connection = Current() ?? throw new InvalidOperationException("No gateway connection is open.");
        await connection.CloseAsync(code, $"fake close {code}");
    }

    /// <summary>Drops the current TCP connection without a close frame.</summary>
    public void DropConnection() => (Current() ?? throw new InvalidOperationException("No gateway connection is open.")).Abort();

    /// <summary>Sends a dispatch in the current session (buffered for replay; delivered now if a connection is live).</summary>
    /// <param name="eventName">The <c>t</c>.</param>
    /// <param name="data">The <c>d</c>.</param>
    /// <returns>The sequence number.</returns>
    public async Task<long> DispatchAsync(string eventName, JsonNode data)
    {
        await _dispatchLock.WaitAsync();
        try
        {
            FakeGatewayConnection? live;
            long seq;
            string json;
            lock (_gatewayLock)
            {
                var session = _session ?? throw new InvalidOperationException("No session: wait until the bot is READY.");
                seq = ++session.Sequence;
                json = Envelope(seq, eventName, data);
                session.Events.Add((seq, json));
                live = _currentConnection is { Live: true } c && c.SessionId == session.Id ? c : null;
            }

            if (live is not null)
            {
                try
                {
                    await live.SendAsync(json);
                    live.LastSentSequence = seq;
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
                {
                    // The event stays buffered; a resume replays it.
                }
            }

            return seq;
        }
        finally
        {
            _dispatchLock.Release();
        }
    }

    private static string Envelope(long seq, string eventName, JsonNode data) =>
        new JsonObject { ["op"] = 0, ["s"] = seq, ["t"] = eventName, ["d"] = data.DeepClone() }.ToJsonString();

    private FakeGatewayConnection? Current()
    {
        lock (_gatewayLock)
            return _currentConnection;
    }

    private async Task SendOnCurrentAsync(string json)
    {
        var connection = Current() ?? throw new InvalidOperationException("No gateway connection is open.");
        await connection.SendAsync(json);
    }

    private void InvalidateSession()
    {
        lock (_gatewayLock)
        {
            if (_session is not null)
                _session.Invalidated = true;
        }
    }

    private async Task AcceptGatewayAsync(HttpContext context)
    {
        bool refused, reconnectFirst;
        lock (_gatewayLock)
        {
            refused = _refuseConnections > 0;
            if (refused)
                _refuseConnections--;
            reconnectFirst = !refused && _reconnectBeforeHello;
            if (reconnectFirst)
                _reconnectBeforeHello = false;
        }

        _attempts.Enqueue(new GatewayConnectionAttempt(context.Request.Path, context.Request.QueryString.Value ?? "", DateTimeOffset.UtcNow, refused));
        if (refused || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = refused ? 503 : 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new FakeGatewayConnection(socket, context, Options.MaxFrameBytes);
        lock (_gatewayLock)
            _currentConnection = connection;
        try
        {
            await RunConnectionAsync(connection, reconnectFirst, context.Request.Query["v"] == "10" && context.Request.Query["encoding"] == "json");
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _clientCloseCodes.Enqueue(null);
        }
        finally
        {
            lock (_gatewayLock)
            {
                if (_currentConnection == connection)
                    _currentConnection = null;
            }
        }
    }

    private async Task RunConnectionAsync(FakeGatewayConnection connection, bool reconnectFirst, bool queryOk)
    {
        if (reconnectFirst)
            await connection.SendAsync("""{"op":7,"d":null}""");
        if (!queryOk)
        {
            await connection.CloseAsync(4012, "Invalid API version");
            return;
        }

        // gateway.mdx "Connecting", "Hello Event"; close codes: opcodes-and-status-codes.mdx "Gateway Close Event Codes".
        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (int)Options.HeartbeatInterval.TotalMilliseconds } }.ToJsonString());
        var sent = new Queue<DateTimeOffset>();
        while (true)
        {
            var (text, closeCode, tooBig) = await connection.ReceiveAsync(4096);
            if (text is null && !tooBig)
            {
                _clientCloseCodes.Enqueue(closeCode);
                // gateway.mdx "Initiating a Disconnect": closing with 1000/1001 invalidates the session.
                if (closeCode is 1000 or 1001)
                    InvalidateSession();
                if (!AnswerCloseFrames)
                {
                    await Task.Delay(Timeout.Infinite, connection.Aborted);
                    return;
                }

                await connection.CloseAsync(closeCode ?? 1000, "");
                return;
            }

            if (tooBig)
            {
                await connection.CloseAsync(4002, "Payload too large");
                return;
            }

            var now = DateTimeOffset.UtcNow;
            sent.Enqueue(now);
            while (sent.Count > 0 && now - sent.Peek() > Options.GatewaySendWindow)
                sent.Dequeue();
            // gateway.mdx "Rate Limiting": 120 events per connection per 60 s, then 4008.
            if (sent.Count > Options.GatewaySendLimit)
            {
                await connection.CloseAsync(4008, "Rate limited");
                return;
            }

            JsonObject payload;
            try
            {
                payload = JsonNode.Parse(text!) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                await connection.CloseAsync(4002, "Decode error");
                return;
            }

            _gatewayPayloads.Enqueue(payload);
            var op = payload["op"]?.GetValue<int>() ?? -1;
            var close = op switch
            {
                1 => await OnHeartbeatAsync(connection, payload),
                2 => await OnIdentifyAsync(connection, payload["d"] as JsonObject),
                6 => await OnResumeAsync(connection, payload["d"] as JsonObject),
                3 or 4 or 8 or 31 or 43 => connection.Authenticated ? null : 4003,
                _ => 4001,
            };
            if (close is { } code)
            {
                await connection.CloseAsync(code, $"fake close {code}");
                return;
            }
        }
    }

    private async Task<int?> OnHeartbeatAsync(FakeGatewayConnection connection, JsonObject payload)
    {
        _heartbeats.Enqueue(payload["d"]?.DeepClone());
        if (AcknowledgeHeartbeats)
            await connection.SendAsync("""{"op":11}""");
        return null;
    }

    private async Task<int?> OnIdentifyAsync(FakeGatewayConnection connection, JsonObject? d)
    {
        if (connection.Authenticated)
            return 4005;
        if (MessageValidator.Text(d?["token"]) != BotToken)
            return 4004;
        lock (_gatewayLock)
        {
            if (_closeNextIdentifyWith is { } forced)
            {
                _closeNextIdentifyWith = null;
                return forced;
            }
        }

        // opcodes-and-status-codes.mdx "Gateway Close Event Codes" 4013/4014/4010; gateway.mdx "Privileged Intents".
        var intents = d?["intents"]?.GetValue<long>() ?? -1;
        if (intents < 0 || (intents & ~KnownIntents) != 0)
            return 4013;
        if ((intents & PrivilegedIntents & ~EnabledPrivilegedIntents) != 0)
            return 4014;
        if (d?["shard"] is JsonArray { Count: 2 } shard && (shard[0]!.GetValue<int>() < 0 || shard[0]!.GetValue<int>() >= shard[1]!.GetValue<int>()))
            return 4010;

        Interlocked.Increment(ref _identifies);
        _identifiedAt.Enqueue(DateTimeOffset.UtcNow);
        lock (_gatewayLock)
        {
            _session = new FakeSession(Guid.NewGuid().ToString("N"));
            if (_sessionStartRemaining < 0)
                _sessionStartRemaining = Options.SessionStartRemaining;
            _sessionStartRemaining--;
            connection.Authenticated = true;
            connection.SessionId = _session.Id;
        }

        var ready = new JsonObject
        {
            ["v"] = 10,
            ["user"] = BotUser(),
            ["guilds"] = new JsonArray(new JsonObject { ["id"] = Options.GuildId, ["unavailable"] = true }),
            ["session_id"] = connection.SessionId,
            ["resume_gateway_url"] = ResumeGatewayUrl.ToString(),
            ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 8388608 },
        };
        if (d?["shard"] is JsonArray s)
            ready["shard"] = s.DeepClone();
        await DispatchAsync("READY", ready);
        await CatchUpAsync(connection, 0);
        return null;
    }

    private async Task<int?> OnResumeAsync(FakeGatewayConnection connection, JsonObject? d)
    {
        if (connection.Authenticated)
            return 4005;
        if (MessageValidator.Text(d?["token"]) != BotToken)
            return 4004;
        // gateway.mdx "Resuming"; gateway-events.mdx "Invalid Session" (op 9 false), "Resumed"; 4007 for a bad seq.
        var sessionId = MessageValidator.Text(d?["session_id"]);
        var seq = d?["seq"] is JsonValue v && v.TryGetValue<long>(out var s) ? s : 0;
        lock (_gatewayLock)
        {
            if (_session is null || _session.Id != sessionId || _session.Invalidated)
                sessionId = null;
            else if (seq > _session.Sequence)
                return 4007;
        }

        if (sessionId is null)
        {
            await connection.SendAsync("""{"op":9,"d":false}""");
            return null;
        }

        connection.Authenticated = true;
        connection.SessionId = sessionId;
        Interlocked.Increment(ref _resumes);
        await CatchUpAsync(connection, Math.Max(0, seq - Options.ReplayOverlap));
        await DispatchAsync("RESUMED", new JsonObject());
        switch (AfterEveryResume)
        {
            case AfterResume.Reconnect:
                await connection.SendAsync("""{"op":7,"d":null}""");
                break;
            case AfterResume.MalformedFrame:
                await connection.SendAsync("{not json");
                break;
            case AfterResume.DropAfter100Ms:
                _ = Task.Delay(100).ContinueWith(_ => connection.Abort(), TaskScheduler.Default);
                break;
        }

        return null;
    }

    /// <summary>Replays the session's events after <paramref name="after"/> until the connection is caught up; then it goes live.</summary>
    private async Task CatchUpAsync(FakeGatewayConnection connection, long after)
    {
        await _dispatchLock.WaitAsync();
        try
        {
            List<string> batch;
            lock (_gatewayLock)
            {
                batch = _session!.Events.Where(e => e.Sequence > after).Select(e => e.Json).ToList();
                connection.LastSentSequence = _session.Sequence;
            }

            foreach (var json in batch)
                await connection.SendAsync(json);
            lock (_gatewayLock)
                connection.Live = true;
        }
        finally
        {
            _dispatchLock.Release();
        }
    }

    private JsonObject BotUser() => new()
    {
        ["id"] = Options.BotUserId,
        ["username"] = Options.BotUserName,
        ["discriminator"] = "0",
        ["global_name"] = null,
        ["avatar"] = null,
        ["bot"] = true,
    };

    private sealed class FakeSession(string id)
    {
        public string Id { get; } = id;

        public long Sequence { get; set; }

        public bool Invalidated { get; set; }

        public List<(long Sequence, string Json)> Events { get; } = [];
    }
}

/// <summary>What <see cref="FakeDiscord.AfterEveryResume"/> does after each RESUMED.</summary>
public enum AfterResume
{
    /// <summary>The connection goes on normally.</summary>
    Nothing,

    /// <summary>Op 7 Reconnect.</summary>
    Reconnect,

    /// <summary>A text frame that is not JSON.</summary>
    MalformedFrame,

    /// <summary>The TCP connection is dropped 100 ms later, without a close frame.</summary>
    DropAfter100Ms,
}
