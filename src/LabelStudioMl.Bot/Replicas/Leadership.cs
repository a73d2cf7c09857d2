using System.Diagnostics.Metrics;
using Dapper;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Replicas;

/// <summary>
/// Work that must run in one bot process of those sharing a store: the watcher, the training resumer and the outbox
/// sender. It runs while this process leads, and stops when it no longer does.
/// </summary>
internal abstract class LeaderWork
{
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync(CancellationToken cancellationToken);
}

/// <summary>A hosted service run as <see cref="LeaderWork"/>.</summary>
internal sealed class LeaderWork<TService>(TService service) : LeaderWork
    where TService : IHostedService
{
    public override Task StartAsync(CancellationToken cancellationToken) => service.StartAsync(cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
}

/// <summary>
/// Elects one leader among the bot processes sharing a store and runs the <see cref="LeaderWork"/> there. On SQLite
/// the one process leads. On PostgreSQL the leader holds an advisory lock in a session of its own
/// (<see cref="StoreEngine.TryLeadAsync"/>), which PostgreSQL releases when the session ends, a killed process
/// included; every other replica tries to take it every third of <c>Leader:TakeoverTimeout</c>. The leader checks its
/// session as often and steps down (stops the work) as soon as the session fails, so two leaders overlap at most for
/// one check. <c>/metrics</c> tells it: <c>bot_leader{replica}</c> is 1 on the leader.
/// </summary>
internal sealed partial class Leadership : BackgroundService
{
    private readonly StoreHealth _health;
    private readonly BotDatabase _database;
    private readonly Replica _replica;
    private readonly IReadOnlyList<LeaderWork> _work;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<Leadership> _logger;
    private volatile bool _leads;

    public Leadership(
        BotDatabase database, StoreHealth health, Replica replica, IOptions<LeaderSettings> options, IEnumerable<LeaderWork> work, TimeProvider time,
        IMeterFactory meters, ILogger<Leadership> logger)
    {
        _database = database;
        _health = health;
        _replica = replica;
        _work = [.. work];
        _interval = options.Value.TakeoverTimeout / 3;
        _time = time;
        _logger = logger;
        meters.Create(BotTelemetry.MeterName).CreateObservableGauge(
            "bot.leader", () => new Measurement<int>(_leads ? 1 : 0, new KeyValuePair<string, object?>("replica", replica.Name)), "1",
            "1 while this replica leads (runs the watcher, the training resumer and the outbox sender), else 0.");
    }

    /// <summary>Whether this process leads now.</summary>
    public bool Leads => _leads;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            StoreEngine.LeaderTerm? term = null;
            try
            {
                await BeatAsync(stoppingToken);
                term = await _health.Engine.TryLeadAsync(_interval, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCannotTry(e.Message);
            }

            if (term is null)
            {
                await Task.Delay(_interval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            await using (term)
                await LeadAsync(term, stoppingToken);
        }
    }

    /// <summary>Runs the work until the term ends (its session fails) or the bot stops.</summary>
    private async Task LeadAsync(StoreEngine.LeaderTerm term, CancellationToken stoppingToken)
    {
        _leads = true;
        LogLeads(_replica.Name);
        using var stepDown = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        foreach (var work in _work)
            await work.StartAsync(stepDown.Token);
        try
        {
            while (await StillLeadsAsync(term, stoppingToken))
            {
                await Task.Delay(_interval, _time, stoppingToken);
                await BeatAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The bot stops.
        }
        finally
        {
            _leads = false;
            await stepDown.CancelAsync();
            foreach (var work in _work.Reverse())
                await work.StopAsync(CancellationToken.None);
            if (!stoppingToken.IsCancellationRequested)
                LogSteppedDown(_replica.Name);
        }
    }

    /// <summary>
    /// Says in the store that this replica is alive (replicas sharing a store): the leader resumes the training runs of
    /// a replica that stopped saying so for <c>Leader:TakeoverTimeout</c>. A store that cannot be written is told by
    /// the store's health; the next beat tries again.
    /// </summary>
    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (!_database.IsShared)
            return;
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO replicas (name, seen_at) VALUES (@Name, @Now) ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at",
                new { Name = _replica.Name, Now = _time.GetUtcNow().ToString("O") });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the store is recorded and logged by its health; anything else is logged here. Either way a
            // missed beat must not stop the bot: the next one tries again.
            if (_health.Observe(e) is null)
                LogBeatFailed(e.Message);
        }
    }

    private async Task<bool> StillLeadsAsync(StoreEngine.LeaderTerm term, CancellationToken stoppingToken)
    {
        try
        {
            return await term.CheckAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogLost(e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica ({Replica}) leads: it runs the watcher, the training resumer and the outbox sender")]
    private partial void LogLeads(string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica ({Replica}) no longer leads; another one takes over")]
    private partial void LogSteppedDown(string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leader's session with the store failed ({Problem})")]
    private partial void LogLost(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This replica could not say in the store that it is alive ({Problem}); trying again")]
    private partial void LogBeatFailed(string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask the store for leadership ({Problem}); trying again")]
    private partial void LogCannotTry(string problem);
}
