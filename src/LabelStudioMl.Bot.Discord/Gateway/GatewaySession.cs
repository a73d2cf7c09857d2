using System.Net;
using System.Net.WebSockets;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive (docs/label-studio-behaviour.md, "Discord: gateway"): fetches and caches the gateway URL, identifies or resumes,
/// heartbeats, detects zombies, follows op 7 / op 9 and the close-code table, backs off between failed
/// attempts and stops for good on fatal close codes. Dispatches go to <see cref="IGatewayDispatchHandler"/>s.
/// </summary>
/// <remarks>
/// The session is the reconnect loop: it picks resume or identify, keeps the identify budget and the backoff, and
/// acts on what each connection's <see cref="ConnectionRun"/> returns. What outlives a connection has its own type:
/// <see cref="ResumableSession"/> (what a resume needs), <see cref="GatewayVitals"/> (what the status reports) and
/// <see cref="DispatchDeduplicator"/> (interactions already handed on).
/// </remarks>
public sealed partial class GatewaySession : IGatewayStatus
{
    private readonly DiscordSettings _options;
    private readonly ILogger<GatewaySession> _logger;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory _scopes;
    private readonly ReconnectBackoff _backoff;
    private readonly IdentifyGate _identifyGate;
    private readonly DispatchDeduplicator _interactions = new();
    private readonly ResumableSession _resumable = new();
    private readonly GatewayVitals _vitals = new();
    private int _running;
    private string? _gatewayUrl;
    private int _failedResumes;

    /// <summary>Creates the session (normally resolved from DI; see <c>AddDiscordGateway</c>).</summary>
    /// <param name="options">Token, intents, shard and timings.</param>
    /// <param name="scopes">Resolves the REST client and the dispatch handlers (one scope per dispatch).</param>
    /// <param name="logger">Logger (the token is never logged).</param>
    /// <param name="time">Clock for heartbeats and delays.</param>
    public GatewaySession(IOptions<DiscordSettings> options, IServiceScopeFactory scopes, ILogger<GatewaySession> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _scopes = scopes;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _backoff = new ReconnectBackoff(_options.ReconnectBaseDelay, _options.ReconnectMaxDelay);
        _identifyGate = new IdentifyGate(_options.IdentifyWindow, _time);
    }

    /// <inheritdoc />
    public GatewayState State => _vitals.State;

    /// <inheritdoc />
    public string? StopReason => _vitals.StopReason;

    /// <inheritdoc />
    public bool StoppedByDiscord => _vitals.StoppedByDiscord;

    /// <inheritdoc />
    public TimeSpan? HeartbeatRoundTrip => _vitals.HeartbeatRoundTrip;

    /// <inheritdoc />
    public DateTimeOffset? LastEventAt => _vitals.LastEventAt;

    /// <inheritdoc />
    public Snowflake? ApplicationId => _resumable.ApplicationId;

    /// <inheritdoc />
    public User? BotUser => _resumable.BotUser;

    /// <summary>How many times this process identified (started a session).</summary>
    public long IdentifyCount => _vitals.IdentifyCount;

    /// <summary>How many times this process resumed a session.</summary>
    public long ResumeCount => _vitals.ResumeCount;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled (then closes with 1000, which ends the session)
    /// or a fatal close code arrives (then <see cref="State"/> is <see cref="GatewayState.Stopped"/> with the fix in
    /// <see cref="StopReason"/>).
    /// </summary>
    /// <param name="stoppingToken">Stops the session.</param>
    /// <returns>Completes when the session stopped.</returns>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
            throw new InvalidOperationException("The gateway session is already running.");

        var pump = new DispatchPump(_scopes, _options.DispatchConcurrency, _logger);
        pump.Start(stoppingToken);
        try
        {
            await GovernAsync(pump, stoppingToken);
        }
        finally
        {
            if (_vitals.State != GatewayState.Stopped)
                _vitals.Stop(stoppingToken.IsCancellationRequested ? "The host is shutting down." : "The session ended.", byDiscord: false);
            await pump.StopAsync(_options.CloseTimeout);
            Interlocked.Exchange(ref _running, 0);
        }
    }

    private async Task GovernAsync(DispatchPump pump, CancellationToken stoppingToken)
    {
        var storm = new ConnectionRate(_time);
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionOutcome outcome;
            try
            {
                storm.Count();
                outcome = await ConnectOnceAsync(pump, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                Fatal("GET /gateway/bot answered 401: the bot token is wrong or was reset. Reset it in the developer portal (Bot → Reset Token) and put it into Discord__Token.");
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Every other failure is transient: never give up (Discord.Net #2411), only back off.
                LogAttemptFailed(ex.Message);
                outcome = ConnectionOutcome.Retry(resume: _resumable.Exists, immediate: false);
            }

            if (outcome.Fatal is { } reason)
            {
                Fatal(reason);
                return;
            }

            if (outcome.Shutdown)
                return;

            if (!outcome.Resume)
                ForgetSession();

            var delay = outcome.Delay ?? (outcome.Immediate && !storm.TooMany() ? TimeSpan.Zero : _backoff.Next());
            if (delay > TimeSpan.Zero)
            {
                _vitals.State = GatewayState.WaitingToReconnect;
                LogReconnecting((int)delay.TotalMilliseconds, outcome.Resume ? "resume" : "new session");
                try
                {
                    await Task.Delay(delay, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void ForgetSession()
    {
        _resumable.Forget();
        _failedResumes = 0;
    }

    private void Fatal(string reason)
    {
        LogStoppedForGood(reason);
        _vitals.Stop(reason, byDiscord: true);
    }

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
            var run = new ConnectionRun(connection, attempt, resuming, _gatewayUrl, _options, _resumable, _identifyGate, _interactions, pump, _vitals, _time, _logger);
            ConnectionOutcome outcome;
            try
            {
                outcome = await run.RunAsync(stoppingToken);
            }
            finally
            {
                if (run.ReachedReady)
                    _failedResumes = 0;
                if (run.ProvedHealthy)
                    _backoff.Reset();
            }

            await connection.CloseAsync(outcome.Shutdown ? (int)WebSocketCloseStatus.NormalClosure : GatewayCloseCodes.ReconnectClose, _options.CloseTimeout);
            if (resuming && !run.ReachedReady && ++_failedResumes >= 3 && outcome.Resume)
            {
                // A resume → close → resume loop (discordeno #3907): fall back to a new session.
                LogResumesFailed(_failedResumes);
                return outcome with { Resume = false };
            }

            return outcome;
        }
    }

    private async Task<string> FreshSessionUrlAsync(CancellationToken cancellationToken)
    {
        // The URL is cached; GET /gateway/bot is asked again only when there is none or the cached start
        // budget says it is spent, and a spent budget is waited out rather than identified into.
        while (_gatewayUrl is null || _identifyGate.Spent)
        {
            // The typed REST client is resolved per use so the client factory can recycle its handlers.
            GatewayBot gateway;
            await using (var scope = _scopes.CreateAsyncScope())
                gateway = await scope.ServiceProvider.GetRequiredService<IDiscordRestApi>().GetGatewayBotAsync(cancellationToken);
            _gatewayUrl = gateway.Url;
            _identifyGate.Limit = gateway.SessionStartLimit;
            if (gateway.SessionStartLimit is { Remaining: <= 0 } spent)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Max(1000, spent.ResetAfter));
                LogIdentifyBudgetSpent(spent.Total, wait);
                _vitals.State = GatewayState.WaitingToReconnect;
                await Task.Delay(wait, _time, cancellationToken);
                _identifyGate.Limit = null;
                _gatewayUrl = null;
            }
        }

        return _gatewayUrl;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection attempt failed: {Error}")]
    private partial void LogAttemptFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting to the gateway in {Delay} ms ({Mode}).")]
    private partial void LogReconnecting(int delay, string mode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord gateway stopped for good: {Reason}")]
    private partial void LogStoppedForGood(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the resume URL ({Error}); starting a new session.")]
    private partial void LogResumeUnreachable(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the gateway WebSocket: {Error}")]
    private partial void LogSocketNotOpened(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming failed {Count} times in a row; starting a new session.")]
    private partial void LogResumesFailed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily identify budget ({Total}) is spent; waiting {Wait} before starting a session.")]
    private partial void LogIdentifyBudgetSpent(int total, TimeSpan wait);
}
