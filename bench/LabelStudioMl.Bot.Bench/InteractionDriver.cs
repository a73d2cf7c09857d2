using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;
using LabelStudioMl.Bot.Testing.LabelStudio;

namespace LabelStudioMl.Bot.Bench;

/// <summary>One interaction as the fake Discord saw it: milliseconds from its dispatch to the defer and to the final answer.</summary>
/// <param name="DeferMs">Dispatch → initial callback accepted; null when none came.</param>
/// <param name="FinalMs">Dispatch → <c>@original</c> edit accepted; null when the interaction failed.</param>
/// <param name="Failure">Why it failed (a follow-up error, no answer in time), or null.</param>
/// <param name="Steps">Where its time went, when it ran alone and its Label Studio read was seen.</param>
internal sealed record InteractionSample(double? DeferMs, double? FinalMs, string? Failure, InteractionSteps? Steps = null);

/// <summary>
/// One interaction's time in four consecutive steps, in milliseconds, all read off the fakes' clocks: dispatch sent →
/// defer accepted → Label Studio read received → read answered → <c>@original</c> edit accepted. A read sent
/// before the defer was accepted makes the second step negative.
/// </summary>
internal sealed record InteractionSteps(double ToDefer, double DeferToRead, double Read, double ReadToEdit)
{
    public static readonly string[] Names = ["dispatch → defer", "defer → read arrives", "read at Label Studio", "read answered → edit"];

    public double[] Values => [ToDefer, DeferToRead, Read, ReadToEdit];

    /// <summary>The p50 of each step over the samples that have steps; null when none has.</summary>
    public static InteractionSteps? P50(IEnumerable<InteractionSample> samples)
    {
        var steps = samples.Select(s => s.Steps).OfType<InteractionSteps>().ToList();
        return steps.Count == 0
            ? null
            : new InteractionSteps(
                Percentiles.Of(steps.Select(s => s.ToDefer)).P50,
                Percentiles.Of(steps.Select(s => s.DeferToRead)).P50,
                Percentiles.Of(steps.Select(s => s.Read)).P50,
                Percentiles.Of(steps.Select(s => s.ReadToEdit)).P50);
    }
}

/// <summary>
/// Pushes INTERACTION_CREATE through FakeDiscord's gateway WebSocket and times the bot's answers at the fake's REST
/// endpoints (the fake timestamps each callback and <c>@original</c> edit as it accepts it). Given the fake Label
/// Studio, it also splits the time of an interaction that runs alone into <see cref="InteractionSteps"/>.
/// </summary>
internal sealed class InteractionDriver : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private readonly FakeDiscord _discord;
    private readonly FakeLabelStudio? _labelStudio;
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private long _nextId = 1_200_000_000_000_000_000;
    private int _inFlight;

    public InteractionDriver(FakeDiscord discord, FakeLabelStudio? labelStudio = null)
    {
        _discord = discord;
        _labelStudio = labelStudio;
        discord.CallbackRecorded += OnCallback;
        discord.WebhookMessageRecorded += OnWebhookMessage;
        if (labelStudio is not null)
            labelStudio.RequestAnswered += OnLabelStudioAnswered;
    }

    /// <summary><c>/ml list project:1</c>.</summary>
    public static JsonObject List() =>
        FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("list", FakeInteractions.Option("project", 1)));

    /// <summary><c>/ml get backend:1</c>.</summary>
    public static JsonObject Get() =>
        FakeInteractions.SlashCommand("ml", FakeInteractions.SubCommand("get", FakeInteractions.Option("backend", 1)));

    /// <summary>Runs <paramref name="count"/> interactions, <paramref name="concurrency"/> at a time.</summary>
    public Task<(IReadOnlyList<InteractionSample> Results, TimeSpan Elapsed)> RunAsync(Func<int, JsonObject> interaction, int count, int concurrency) =>
        ConcurrentRun.RunAsync(count, concurrency, i => OneAsync(interaction(i)));

    /// <summary>
    /// Open loop: pushes <paramref name="count"/> interactions at <paramref name="perSecond"/>, each on its schedule
    /// whatever the answers to earlier ones, and waits for all of them. Elapsed is from the first push to the last.
    /// </summary>
    public async Task<(IReadOnlyList<InteractionSample> Results, TimeSpan Elapsed)> RunAtRateAsync(Func<int, JsonObject> interaction, int count, double perSecond)
    {
        var started = Stopwatch.GetTimestamp();
        var running = new List<Task<InteractionSample>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
                await Task.Delay(due);
            running.Add(OneAsync(interaction(i)));
        }

        var pushed = Stopwatch.GetElapsedTime(started);
        return (await Task.WhenAll(running), pushed);
    }

    public void Dispose()
    {
        _discord.CallbackRecorded -= OnCallback;
        _discord.WebhookMessageRecorded -= OnWebhookMessage;
        if (_labelStudio is not null)
            _labelStudio.RequestAnswered -= OnLabelStudioAnswered;
    }

    private async Task<InteractionSample> OneAsync(JsonObject interaction)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        interaction["id"] = id;
        var pending = new Pending(Stopwatch.GetTimestamp());
        _pending[id] = pending;
        Interlocked.Increment(ref _inFlight);
        await _discord.PushInteractionAsync(interaction);
        double? Defer() => Interlocked.Read(ref pending.DeferredAt) is var d and > 0 ? ConcurrentRun.Milliseconds(pending.SentAt, d) : null;
        try
        {
            var (finished, followUp) = await pending.Answered.Task.WaitAsync(AnswerTimeout);
            var defer = Defer();
            return followUp
                ? new InteractionSample(defer, null, "answered with a follow-up (an error)")
                : new InteractionSample(defer, ConcurrentRun.Milliseconds(pending.SentAt, finished), defer is null ? "no defer callback" : null, pending.Steps(finished));
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            return new InteractionSample(Defer(), null, $"no answer within {AnswerTimeout.TotalSeconds:0} s");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void OnCallback(object? sender, RecordedCallback callback)
    {
        if (_pending.TryGetValue(callback.InteractionId, out var pending))
            Interlocked.Exchange(ref pending.DeferredAt, callback.Timestamp);
    }

    /// <summary>The first Label Studio backend read while exactly one interaction is in flight belongs to it.</summary>
    private void OnLabelStudioAnswered(object? sender, AnsweredRequest answered)
    {
        if (!answered.Request.Path.StartsWith("/api/ml", StringComparison.Ordinal) || Volatile.Read(ref _inFlight) != 1)
            return;
        foreach (var (_, pending) in _pending)
        {
            if (Interlocked.CompareExchange(ref pending.ReadReceivedAt, answered.ReceivedAt, 0) == 0)
                Interlocked.Exchange(ref pending.ReadAnsweredAt, answered.AnsweredAt);
        }
    }

    private void OnWebhookMessage(object? sender, RecordedMessage message)
    {
        if (_pending.TryRemove(message.ChannelOrInteraction, out var pending))
            pending.Answered.TrySetResult((message.Timestamp, message.IsFollowUp));
    }

    private sealed class Pending(long sentAt)
    {
        public long DeferredAt;
        public long ReadReceivedAt;
        public long ReadAnsweredAt;

        public long SentAt { get; } = sentAt;

        public InteractionSteps? Steps(long finishedAt)
        {
            var (deferred, received, answered) = (Interlocked.Read(ref DeferredAt), Interlocked.Read(ref ReadReceivedAt), Interlocked.Read(ref ReadAnsweredAt));
            return deferred == 0 || received == 0 || answered == 0
                ? null
                : new InteractionSteps(
                    ConcurrentRun.Milliseconds(SentAt, deferred),
                    ConcurrentRun.Milliseconds(deferred, received),
                    ConcurrentRun.Milliseconds(received, answered),
                    ConcurrentRun.Milliseconds(answered, finishedAt));
        }

        public TaskCompletionSource<(long At, bool FollowUp)> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
