using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// A destructive action waiting for its invoker's Confirm; <see cref="Responder"/> edits the prompt when it expires.
/// <see cref="ProjectId"/> and <see cref="BackendUrl"/> are as the invoker saw them, to find the backend's webhook.
/// </summary>
internal sealed record PendingConfirmation(
    string Token,
    int BackendId,
    string BackendName,
    int ProjectId,
    string BackendUrl,
    Caller Invoker,
    IInteractionResponder Responder,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The removal's one audit row: the invoker, the backend it named, <c>removed</c> when done.</summary>
    public ButtonAudit Audit => new(Invoker, RemoveCommand.Name, $"backend:{BackendId}", BackendId, "removed");
}

/// <summary>
/// Confirmations waiting for a button press, under a random token (the <c>{token}</c> of <c>ml:remove:{token}:yes|no</c>),
/// in a <see cref="BoundedSessions{T}"/>: at most <c>capacity</c> are kept and the oldest give way; an expired one stays
/// a minute for the prompt's countdown to take. <see cref="TryTake"/> removes atomically, so a press and the expiry can
/// never both act on one confirmation.
/// </summary>
internal sealed class PendingConfirmations(TimeProvider time, int capacity = PendingConfirmations.DefaultCapacity)
{
    public const int DefaultCapacity = 100;

    private readonly BoundedSessions<PendingConfirmation> _pending = new(time, capacity, idBytes: 6, keptAfterExpiry: TimeSpan.FromMinutes(1));

    /// <summary>Stores a new confirmation to remove <paramref name="backend"/> and returns it with its token.</summary>
    public PendingConfirmation Add(MlBackend backend, Caller invoker, IInteractionResponder responder, TimeSpan lifetime) =>
        _pending.Add(
            token => new PendingConfirmation(token, backend.Id, BackendText.Name(backend), backend.Project, backend.Url, invoker, responder, time.GetUtcNow() + lifetime),
            lifetime);

    /// <summary>The live confirmation, without taking it (null when expired, taken or unknown).</summary>
    public PendingConfirmation? Find(string token) => _pending.Find(token);

    /// <summary>Removes and returns the confirmation; null when someone else took it first.</summary>
    public PendingConfirmation? TryTake(string token) => _pending.TryTake(token);
}
