using System.Net;
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
public sealed partial class GatewaySession : IGatewayStatus
{
    private readonly DiscordOptions _options;
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
    public GatewaySession(IOptions<DiscordOptions> options, IServiceScopeFactory scopes, ILogger<GatewaySession> logger, TimeProvider? time = null)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily identify budget ({Total}) is spent; waiting {Wait} before starting a session.")]
    private partial void LogIdentifyBudgetSpent(int total, TimeSpan wait);
}
