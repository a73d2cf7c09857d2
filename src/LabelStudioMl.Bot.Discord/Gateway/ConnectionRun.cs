using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LabelStudioMl.Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// One open connection from Hello to its end: heartbeats on their own task, identifies or resumes, receives until the
/// connection ends and says what the session does next. It has its own cancellation (Remora #39: never reuse it).
/// </summary>
/// <param name="connection">The open connection.</param>
/// <param name="attempt">Cancels this connection: bounds the time to READY, then stops its receive and heartbeat.</param>
/// <param name="resuming">Whether to resume <paramref name="session"/> instead of identifying.</param>
/// <param name="gatewayUrl">The URL GET /gateway/bot gave, where a session from READY resumes without a resume URL.</param>
/// <param name="options">Token, intents, shard and timings.</param>
/// <param name="session">The session this connection identifies or resumes; READY and every dispatch's sequence go to it.</param>
/// <param name="identifyGate">The identify budget.</param>
/// <param name="interactions">The interaction ids already handed on, across connections.</param>
/// <param name="pump">Takes the dispatches.</param>
/// <param name="vitals">Where the connection reports readiness, arrivals, heartbeat round trips and identifies or resumes.</param>
/// <param name="time">Clock for heartbeats.</param>
/// <param name="logger">The session's logger.</param>
internal sealed partial class ConnectionRun(
    GatewayConnection connection,
    CancellationTokenSource attempt,
    bool resuming,
    string? gatewayUrl,
    DiscordSettings options,
    ResumableSession session,
    IdentifyGate identifyGate,
    DispatchDeduplicator interactions,
    DispatchPump pump,
    GatewayVitals vitals,
    TimeProvider time,
    ILogger logger)
{
    private const int HealthyAfterAcks = 3;
    private readonly Lock _ackLock = new();
    private bool _awaitingAck;
    private int _acks;
    private long _beatSentAt;
    private volatile bool _zombie;
    private Task _heartbeat = Task.CompletedTask;

    /// <summary>Whether READY or RESUMED arrived on this connection.</summary>
    public bool ReachedReady { get; private set; }

    /// <summary>
    /// Whether the connection stayed healthy for a few beats, which proves the gateway is well again: READY or RESUMED
    /// alone does not (a flapping gateway resumes, then drops, over and over).
    /// </summary>
    public bool ProvedHealthy
    {
        get
        {
            lock (_ackLock)
                return _acks >= HealthyAfterAcks;
        }
    }

    /// <summary>Runs the connection until it ends or <paramref name="stoppingToken"/> closes it with 1000.</summary>
    /// <param name="stoppingToken">Shutdown.</param>
    /// <returns>What the session does next.</returns>
    public async Task<ConnectionOutcome> RunAsync(CancellationToken stoppingToken)
    {
        await using var shutdown = stoppingToken.Register(() => _ = CloseForShutdownAsync());
        try
        {
            return await ReceiveLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return ConnectionOutcome.Stopping;
        }
        catch (OperationCanceledException) when (_zombie)
        {
            return ConnectionOutcome.Retry(resume: true, immediate: true);
        }
        catch (OperationCanceledException)
        {
            LogNotReady(options.ConnectTimeout);
            return ConnectionOutcome.Retry(resume: resuming, immediate: false);
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException or IOException or InvalidOperationException)
        {
            if (stoppingToken.IsCancellationRequested)
                return ConnectionOutcome.Stopping;
            if (_zombie)
                return ConnectionOutcome.Retry(resume: true, immediate: true);

            // No close code (TCP dropped, 1006): resumable (GW "Resuming").
            LogDropped(ex.Message);
            return ConnectionOutcome.Retry(resume: true, immediate: ReachedReady);
        }
        finally
        {
            await attempt.CancelAsync();
            await _heartbeat;
        }
    }

    private async Task<ConnectionOutcome> ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var (message, closeCode) = await connection.ReceiveAsync(attempt.Token);
            if (message is null)
                return stoppingToken.IsCancellationRequested ? ConnectionOutcome.Stopping : OnClose(closeCode);

            var payload = ReadFrame(message.Value.Span);
            vitals.EventArrived(time.GetUtcNow());
            var outcome = await OnPayloadAsync(payload);
            if (outcome is not null)
                return outcome;
        }
    }

    /// <summary>
    /// Reads a frame's envelope to any depth its size allows: an event nested deeper than System.Text.Json's
    /// default 64 levels would otherwise fail the connection and come back with every resume. Its data keeps that
    /// limit when read into types, where the handler answers it as unreadable.
    /// </summary>
    private static GatewayPayload ReadFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = int.MaxValue });
        return JsonSerializer.Deserialize(ref reader, DiscordJsonContext.Default.GatewayPayload)
            ?? throw new JsonException("The gateway sent null.");
    }

    private static byte[] Serialize<T>(GatewayOpCode op, T data, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)op);
            writer.WritePropertyName("d");
            JsonSerializer.Serialize(writer, data, typeInfo);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Shutdown: close with 1000 (ends the session), then stop receiving once the peer answered or the timeout passed.</summary>
    private async Task CloseForShutdownAsync()
    {
        try
        {
            await connection.SendCloseAsync((int)WebSocketCloseStatus.NormalClosure, options.CloseTimeout);
            attempt.CancelAfter(options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private ConnectionOutcome OnClose(int? code)
    {
        if (_zombie)
            return ConnectionOutcome.Retry(resume: true, immediate: true);
        var action = GatewayCloseCodes.Classify(code);
        switch (action)
        {
            case CloseAction.Fatal:
                return ConnectionOutcome.Stop(GatewayCloseCodes.Describe(code!.Value));
            case CloseAction.NewSession:
                LogClosedForNewSession(code);
                return ConnectionOutcome.Retry(resume: false, immediate: false);
            default:
                LogClosedForResume(code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code");
                return ConnectionOutcome.Retry(resume: true, immediate: false);
        }
    }

    private async Task<ConnectionOutcome?> OnPayloadAsync(GatewayPayload payload)
    {
        switch ((GatewayOpCode)payload.Op)
        {
            case GatewayOpCode.Hello:
                await OnHelloAsync(payload);
                return null;
            case GatewayOpCode.HeartbeatAck:
                lock (_ackLock)
                {
                    _awaitingAck = false;
                    vitals.HeartbeatAcknowledged(time.GetElapsedTime(_beatSentAt));
                    _acks++;
                }

                return null;
            case GatewayOpCode.Heartbeat:
                await SendHeartbeatAsync();
                return null;
            case GatewayOpCode.Reconnect:
                LogReconnectRequested();
                return ConnectionOutcome.Retry(resume: true, immediate: true);
            case GatewayOpCode.InvalidSession:
                return OnInvalidSession(payload.D is { ValueKind: JsonValueKind.True });
            case GatewayOpCode.Dispatch:
                OnDispatch(payload);
                return null;
            default:
                LogOpcodeIgnored(payload.Op);
                return null;
        }
    }

    private ConnectionOutcome OnInvalidSession(bool resumable)
    {
        var max = options.InvalidSessionMaxDelay;
        var delay = TimeSpan.FromMilliseconds((max.TotalMilliseconds / 5) + (Random.Shared.NextDouble() * max.TotalMilliseconds * 4 / 5));
        LogSessionInvalidated(resumable);
        return ConnectionOutcome.After(resume: resumable, delay);
    }

    private async Task OnHelloAsync(GatewayPayload payload)
    {
        var hello = payload.D?.Deserialize(DiscordJsonContext.Default.GatewayHello) ?? throw new JsonException("Hello without data.");
        var interval = TimeSpan.FromMilliseconds(hello.HeartbeatInterval);
        connection.Limiter.SetHeartbeatInterval(interval);
        lock (_ackLock)
            _awaitingAck = false; // Psycheros #42: ACK bookkeeping starts fresh on every Hello.
        _heartbeat = Task.Run(() => HeartbeatLoopAsync(interval));

        var token = options.Token.Trim();
        if (resuming)
        {
            var resume = session.ResumeWith(token);
            await connection.SendAsync(Serialize(GatewayOpCode.Resume, resume, DiscordJsonContext.Default.GatewayResume), heartbeat: false, attempt.Token);
            vitals.Resumed();
            LogResuming(resume.Seq);
        }
        else
        {
            await identifyGate.WaitAsync(attempt.Token);
            var shard = options.ShardId is { } id && options.ShardCount is { } count ? new[] { id, count } : null;
            var identify = new GatewayIdentify { Token = token, Intents = options.Intents, Shard = shard };
            await connection.SendAsync(Serialize(GatewayOpCode.Identify, identify, DiscordJsonContext.Default.GatewayIdentify), heartbeat: false, attempt.Token);
            vitals.Identified();
            identifyGate.Identified();
            LogIdentifying(options.Intents);
        }
    }

    private void OnDispatch(GatewayPayload payload)
    {
        if (payload.S is { } s && !session.Advance(s, ready: payload.T is "READY"))
        {
            LogReplayDropped(s, payload.T);
            return;
        }

        var data = payload.D ?? default;
        switch (payload.T)
        {
            case "READY":
                OnReady(data);
                break;
            case "RESUMED":
                BecomeReady();
                LogResumed();
                break;
            case GatewayDispatch.InteractionCreate:
                if (InteractionIdOf(data) is { } id && !interactions.FirstTime(id))
                {
                    LogDuplicateInteraction(id);
                    return;
                }

                break;
        }

        if (payload.T is { } name)
            pump.Enqueue(new GatewayDispatch(name, payload.S, data, time.GetUtcNow()));
    }

    /// <summary>The dispatch's snowflake <c>id</c>; null when it has none (the handler reports such a payload).</summary>
    private static ulong? InteractionIdOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
        && ulong.TryParse(id.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private void OnReady(JsonElement data)
    {
        var ready = data.Deserialize(DiscordJsonContext.Default.GatewayReady) ?? throw new JsonException("READY without data.");
        session.Start(ready, gatewayUrl);
        BecomeReady();
        LogReady(ready.User?.Username, ready.Application?.Id);
    }

    private void BecomeReady()
    {
        ReachedReady = true;
        vitals.State = GatewayState.Ready;
        attempt.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private async Task SendHeartbeatAsync()
    {
        var bytes = Serialize(GatewayOpCode.Heartbeat, session.Sequence, DiscordJsonContext.Default.NullableInt64);
        lock (_ackLock)
        {
            _awaitingAck = true;
            _beatSentAt = time.GetTimestamp();
        }

        await connection.SendAsync(bytes, heartbeat: true, attempt.Token);
    }

    /// <summary>Runs on its own task: a blocked reader or handler can never delay a beat (3x-ui #6497).</summary>
    private async Task HeartbeatLoopAsync(TimeSpan interval)
    {
        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), time, attempt.Token);
            while (!attempt.IsCancellationRequested)
            {
                bool missed;
                lock (_ackLock)
                    missed = _awaitingAck;
                if (missed)
                {
                    LogZombie();
                    _zombie = true;
                    await connection.SendCloseAsync(GatewayCloseCodes.ReconnectClose, options.CloseTimeout);
                    await attempt.CancelAsync();
                    return;
                }

                await SendHeartbeatAsync();
                await Task.Delay(interval, time, attempt.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            LogHeartbeatStopped(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway did not get ready within {Timeout}.")]
    private partial void LogNotReady(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway connection dropped: {Error}")]
    private partial void LogDropped(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway closed with {Code}; starting a new session.")]
    private partial void LogClosedForNewSession(int? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway closed with {Code}; resuming.")]
    private partial void LogClosedForResume(string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway asked to reconnect (op 7); resuming now.")]
    private partial void LogReconnectRequested();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring gateway opcode {Op}.")]
    private partial void LogOpcodeIgnored(int op);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway invalidated the session (op 9, resumable: {Resumable}).")]
    private partial void LogSessionInvalidated(bool resumable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming gateway session at sequence {Sequence}.")]
    private partial void LogResuming(long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identifying a new gateway session (intents {Intents}).")]
    private partial void LogIdentifying(int intents);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping replayed dispatch #{Sequence} ({Event}).")]
    private partial void LogReplayDropped(long sequence, string? @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway session resumed.")]
    private partial void LogResumed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropping a duplicate INTERACTION_CREATE {InteractionId}.")]
    private partial void LogDuplicateInteraction(ulong interactionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway ready as {User} (application {ApplicationId}).")]
    private partial void LogReady(string? user, Snowflake? applicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat: the connection is a zombie; reconnecting to resume.")]
    private partial void LogZombie();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat stopped: {Error}")]
    private partial void LogHeartbeatStopped(string error);
}
