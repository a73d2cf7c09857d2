using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Testing.Discord;

namespace LabelStudioMl.Bot.Bench;

/// <summary>One interaction as the fake Discord saw it: milliseconds from its dispatch to the defer and to the final answer.</summary>
/// <param name="DeferMs">Dispatch → initial callback accepted; null when none came.</param>
/// <param name="FinalMs">Dispatch → <c>@original</c> edit accepted; null when the interaction failed.</param>
/// <param name="Failure">Why it failed (a follow-up error, no answer in time), or null.</param>
internal sealed record InteractionSample(double? DeferMs, double? FinalMs, string? Failure);

/// <summary>
/// Pushes INTERACTION_CREATE through FakeDiscord's gateway WebSocket and times the bot's answers at the fake's REST
/// endpoints (the fake timestamps each callback and <c>@original</c> edit as it accepts it).
/// </summary>
internal sealed class InteractionDriver : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private readonly FakeDiscord _discord;
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private long _nextId = 1_200_000_000_000_000_000;

    public InteractionDriver(FakeDiscord discord)
    {
        _discord = discord;
        discord.CallbackRecorded += OnCallback;
        discord.WebhookMessageRecorded += OnWebhookMessage;
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

    public void Dispose()
    {
        _discord.CallbackRecorded -= OnCallback;
        _discord.WebhookMessageRecorded -= OnWebhookMessage;
    }

    private async Task<InteractionSample> OneAsync(JsonObject interaction)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        interaction["id"] = id;
        var pending = new Pending(Stopwatch.GetTimestamp());
        _pending[id] = pending;
        await _discord.PushInteractionAsync(interaction);
        try
        {
            var (finished, followUp) = await pending.Answered.Task.WaitAsync(AnswerTimeout);
            var defer = pending.DeferredAt is var d and > 0 ? ConcurrentRun.Milliseconds(pending.SentAt, d) : (double?)null;
            return followUp
                ? new InteractionSample(defer, null, "answered with a follow-up (an error)")
                : new InteractionSample(defer, ConcurrentRun.Milliseconds(pending.SentAt, finished), defer is null ? "no defer callback" : null);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            return new InteractionSample(null, null, $"no answer within {AnswerTimeout.TotalSeconds:0} s");
        }
    }

    private void OnCallback(object? sender, RecordedCallback callback)
    {
        if (_pending.TryGetValue(callback.InteractionId, out var pending))
            Interlocked.Exchange(ref pending.DeferredAt, callback.Timestamp);
    }

    private void OnWebhookMessage(object? sender, RecordedMessage message)
    {
        if (_pending.TryRemove(message.ChannelOrInteraction, out var pending))
            pending.Answered.TrySetResult((message.Timestamp, message.IsFollowUp));
    }

    private sealed class Pending(long sentAt)
    {
        public long DeferredAt;

        public long SentAt { get; } = sentAt;

        public TaskCompletionSource<(long At, bool FollowUp)> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
