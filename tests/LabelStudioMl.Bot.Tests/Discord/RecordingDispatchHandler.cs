using System.Collections.Concurrent;
using LabelStudioMl.Bot.Discord.Gateway;

namespace LabelStudioMl.Bot.Tests.Discord;

/// <summary>Records every dispatch; can block on an interaction to prove the gateway does not wait for handlers.</summary>
public sealed class RecordingDispatchHandler : IGatewayDispatchHandler
{
    private readonly ConcurrentQueue<GatewayDispatch> _dispatches = new();

    public IReadOnlyList<GatewayDispatch> Dispatches => [.. _dispatches];

    /// <summary>Ids of every INTERACTION_CREATE handled, in order (duplicates would show twice).</summary>
    public IReadOnlyList<string> InteractionIds =>
        _dispatches.Where(d => d.IsInteraction).Select(d => d.AsInteraction()!.Id.ToString()).ToList();

    /// <summary>When set, a handler call for this interaction id blocks its thread until <see cref="Release"/>.</summary>
    public string? BlockOnInteraction { get; set; }

    public ManualResetEventSlim Release { get; } = new(false);

    public Func<GatewayDispatch, CancellationToken, Task>? OnInteraction { get; set; }

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        _dispatches.Enqueue(dispatch);
        if (dispatch.IsInteraction)
        {
            if (BlockOnInteraction is { } blocked && dispatch.AsInteraction()!.Id.ToString() == blocked)
                Release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            if (OnInteraction is { } handler)
                await handler(dispatch, cancellationToken);
        }
    }
}
