using System.Security.Cryptography;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

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
    DateTimeOffset ExpiresAt);

/// <summary>
/// Confirmations waiting for a button press, under a random token (the <c>{token}</c> of <c>ml:remove:{token}:yes|no</c>).
/// Bounded: at most <c>capacity</c> are kept and the oldest give way. <see cref="TryTake"/> removes atomically, so a
/// press and the expiry can never both act on one confirmation. Thread-safe.
/// </summary>
internal sealed class PendingConfirmations(TimeProvider time, int capacity = PendingConfirmations.DefaultCapacity)
{
    public const int DefaultCapacity = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingConfirmation> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _byAge = new();

    public int Count
    {
        get
        {
            lock (_gate)
                return _pending.Count;
        }
    }

    /// <summary>Stores a new confirmation to remove <paramref name="backend"/> and returns it with its token.</summary>
    public PendingConfirmation Add(MlBackend backend, Caller invoker, IInteractionResponder responder, TimeSpan lifetime)
    {
        lock (_gate)
        {
            while (_pending.Count >= capacity && _byAge.TryDequeue(out var oldest))
                _pending.Remove(oldest);

            string token;
            do
                token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            while (_pending.ContainsKey(token));

            var pending = new PendingConfirmation(
                token, backend.Id, BackendText.Name(backend), backend.Project, backend.Url, invoker, responder, time.GetUtcNow() + lifetime);
            _pending[token] = pending;
            _byAge.Enqueue(token);
            return pending;
        }
    }

    /// <summary>The live confirmation, without taking it (null when expired, taken or unknown).</summary>
    public PendingConfirmation? Find(string token)
    {
        lock (_gate)
            return _pending.TryGetValue(token, out var pending) && pending.ExpiresAt > time.GetUtcNow() ? pending : null;
    }

    /// <summary>Removes and returns the confirmation; null when someone else took it first.</summary>
    public PendingConfirmation? TryTake(string token)
    {
        lock (_gate)
            return _pending.Remove(token, out var pending) ? pending : null;
    }
}
