using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LabelStudioMl.Bot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Discord.Gateway;

public sealed partial class GatewaySession
{
    /// <summary>Opens one connection, identifies or resumes, and runs it until it ends; returns what to do next.</summary>
    private async Task<ConnectionOutcome> ConnectOnceAsync(DispatchPump pump, CancellationToken stoppingToken)
    {
        var resumeUrl = _resumable.ResumeUrl;
        var resuming = resumeUrl is not null;
        string url;
        if (resumeUrl is not null)
        {
            url = resumeUrl;
            _vitals.State = GatewayState.Resuming;
        }
        else
        {
            _vitals.State = GatewayState.Connecting;
            url = await FreshSessionUrlAsync(stoppingToken);
        }

        // The connection's own token is not linked to shutdown: cancelling a pending receive aborts the socket,
        // and shutdown must first send its 1000 close (see ConnectionRun.CloseForShutdownAsync).
        using var attempt = new CancellationTokenSource();
        attempt.CancelAfter(_options.ConnectTimeout);
        GatewayConnection connection;
        try
        {
            using var open = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, attempt.Token);
            var limiter = new GatewaySendLimiter(_options.GatewaySendLimit, _options.GatewaySendWindow, _time);
            connection = await GatewayConnection.OpenAsync(GatewayConnection.WithQuery(url), limiter, open.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            if (resuming)
            {
                // GW "Handling a Disconnect": if the resume URL fails, start over on the cached URL.
                LogResumeUnreachable(ex.Message);
                return ConnectionOutcome.Retry(resume: false, immediate: false);
            }

            _gatewayUrl = null;
            LogSocketNotOpened(ex.Message);
            return ConnectionOutcome.Retry(resume: false, immediate: false);
        }

        using (connection)
        {
            var run = new ConnectionRun(this, connection, pump, resuming, attempt);
            var outcome = await run.RunAsync(stoppingToken);
            await connection.CloseAsync(outcome.Shutdown ? (int)WebSocketCloseStatus.NormalClosure : GatewayCloseCodes.ReconnectClose, _options.CloseTimeout);
            if (resuming && !run.ReachedReady)
            {
                if (++_failedResumes >= 3 && outcome.Resume)
                {
                    // A resume → close → resume loop (discordeno #3907): fall back to a new session.
                    LogResumesFailed(_failedResumes);
                    return outcome with { Resume = false };
                }
            }

            return outcome;
        }
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

    /// <summary>One connection's receive loop and heartbeat, with its own cancellation (Remora #39: never reuse it).</summary>
    private sealed class ConnectionRun(GatewaySession session, GatewayConnection connection, DispatchPump pump, bool resuming, CancellationTokenSource attempt)
    {
        private readonly Lock _ackLock = new();
        private const int HealthyAfterAcks = 3;
        private bool _awaitingAck;
        private int _acks;
        private long _beatSentAt;
        private volatile bool _zombie;
        private Task _heartbeat = Task.CompletedTask;

        public bool ReachedReady { get; private set; }

        private ILogger Logger => session._logger;

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
                Logger.LogWarning("The gateway did not get ready within {Timeout}.", session._options.ConnectTimeout);
                return ConnectionOutcome.Retry(resume: resuming, immediate: false);
            }
            catch (Exception ex) when (ex is WebSocketException or JsonException or IOException or InvalidOperationException)
            {
                if (stoppingToken.IsCancellationRequested)
                    return ConnectionOutcome.Stopping;
                if (_zombie)
                    return ConnectionOutcome.Retry(resume: true, immediate: true);

                // No close code (TCP dropped, 1006): resumable (GW "Resuming").
                Logger.LogWarning("The gateway connection dropped: {Error}", ex.Message);
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
                session._vitals.EventArrived(session._time.GetUtcNow());
                var outcome = await OnPayloadAsync(payload, stoppingToken);
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

        /// <summary>Shutdown: close with 1000 (ends the session), then stop receiving once the peer answered or the timeout passed.</summary>
        private async Task CloseForShutdownAsync()
        {
            try
            {
                await connection.SendCloseAsync((int)WebSocketCloseStatus.NormalClosure, session._options.CloseTimeout);
                attempt.CancelAfter(session._options.CloseTimeout);
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
                    Logger.LogWarning("The gateway closed with {Code}; starting a new session.", code);
                    return ConnectionOutcome.Retry(resume: false, immediate: false);
                default:
                    Logger.LogWarning("The gateway closed with {Code}; resuming.", code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code");
                    return ConnectionOutcome.Retry(resume: true, immediate: false);
            }
        }

        private async Task<ConnectionOutcome?> OnPayloadAsync(GatewayPayload payload, CancellationToken stoppingToken)
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
                        session._vitals.HeartbeatAcknowledged(session._time.GetElapsedTime(_beatSentAt));
                        // Only a connection that stayed healthy for a few beats proves the gateway is well again:
                        // READY or RESUMED alone does not (a flapping gateway resumes, then drops, over and over).
                        if (++_acks == HealthyAfterAcks)
                            session._backoff.Reset();
                    }

                    return null;
                case GatewayOpCode.Heartbeat:
                    await SendHeartbeatAsync();
                    return null;
                case GatewayOpCode.Reconnect:
                    Logger.LogInformation("The gateway asked to reconnect (op 7); resuming now.");
                    return ConnectionOutcome.Retry(resume: true, immediate: true);
                case GatewayOpCode.InvalidSession:
                    return OnInvalidSession(payload.D is { ValueKind: JsonValueKind.True });
                case GatewayOpCode.Dispatch:
                    OnDispatch(payload);
                    return null;
                default:
                    Logger.LogDebug("Ignoring gateway opcode {Op}.", payload.Op);
                    return null;
            }
        }

        private ConnectionOutcome OnInvalidSession(bool resumable)
        {
            var max = session._options.InvalidSessionMaxDelay;
            var delay = TimeSpan.FromMilliseconds((max.TotalMilliseconds / 5) + (Random.Shared.NextDouble() * max.TotalMilliseconds * 4 / 5));
            Logger.LogWarning("The gateway invalidated the session (op 9, resumable: {Resumable}).", resumable);
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

            var token = session._options.Token.Trim();
            if (resuming)
            {
                var resume = session._resumable.ResumeWith(token);
                await connection.SendAsync(Serialize(GatewayOpCode.Resume, resume, DiscordJsonContext.Default.GatewayResume), heartbeat: false, attempt.Token);
                session._vitals.Resumed();
                Logger.LogInformation("Resuming gateway session at sequence {Sequence}.", resume.Seq);
            }
            else
            {
                await session._identifyGate.WaitAsync(attempt.Token);
                var shard = session._options.ShardId is { } id && session._options.ShardCount is { } count ? new[] { id, count } : null;
                var identify = new GatewayIdentify { Token = token, Intents = session._options.Intents, Shard = shard };
                await connection.SendAsync(Serialize(GatewayOpCode.Identify, identify, DiscordJsonContext.Default.GatewayIdentify), heartbeat: false, attempt.Token);
                session._vitals.Identified();
                session._identifyGate.Identified();
                Logger.LogInformation("Identifying a new gateway session (intents {Intents}).", session._options.Intents);
            }
        }

        private void OnDispatch(GatewayPayload payload)
        {
            if (payload.S is { } s && !session._resumable.Advance(s, ready: payload.T is "READY"))
            {
                Logger.LogDebug("Dropping replayed dispatch #{Sequence} ({Event}).", s, payload.T);
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
                    Logger.LogInformation("Gateway session resumed.");
                    break;
                case GatewayDispatch.InteractionCreate:
                    if (InteractionIdOf(data) is { } id && !session._interactions.FirstTime(id))
                    {
                        Logger.LogInformation("Dropping a duplicate INTERACTION_CREATE {InteractionId}.", id);
                        return;
                    }

                    break;
            }

            if (payload.T is { } name)
                pump.Enqueue(new GatewayDispatch(name, payload.S, data, session._time.GetUtcNow()));
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
            session._resumable.Start(ready, session._gatewayUrl);
            BecomeReady();
            Logger.LogInformation("Gateway ready as {User} (application {ApplicationId}).", ready.User?.Username, ready.Application?.Id);
        }

        private void BecomeReady()
        {
            ReachedReady = true;
            session._failedResumes = 0;
            session._vitals.State = GatewayState.Ready;
            attempt.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        private async Task SendHeartbeatAsync()
        {
            var bytes = Serialize(GatewayOpCode.Heartbeat, session._resumable.Sequence, DiscordJsonContext.Default.NullableInt64);
            lock (_ackLock)
            {
                _awaitingAck = true;
                _beatSentAt = session._time.GetTimestamp();
            }

            await connection.SendAsync(bytes, heartbeat: true, attempt.Token);
        }

        /// <summary>Runs on its own task: a blocked reader or handler can never delay a beat (3x-ui #6497).</summary>
        private async Task HeartbeatLoopAsync(TimeSpan interval)
        {
            try
            {
                await Task.Delay(interval * Random.Shared.NextDouble(), session._time, attempt.Token);
                while (!attempt.IsCancellationRequested)
                {
                    bool missed;
                    lock (_ackLock)
                        missed = _awaitingAck;
                    if (missed)
                    {
                        Logger.LogWarning("No heartbeat ACK since the last beat: the connection is a zombie; reconnecting to resume.");
                        _zombie = true;
                        await connection.SendCloseAsync(GatewayCloseCodes.ReconnectClose, session._options.CloseTimeout);
                        await attempt.CancelAsync();
                        return;
                    }

                    await SendHeartbeatAsync();
                    await Task.Delay(interval, session._time, attempt.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                Logger.LogDebug("Heartbeat stopped: {Error}", ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the resume URL ({Error}); starting a new session.")]
    private partial void LogResumeUnreachable(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the gateway WebSocket: {Error}")]
    private partial void LogSocketNotOpened(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming failed {Count} times in a row; starting a new session.")]
    private partial void LogResumesFailed(int count);
}
