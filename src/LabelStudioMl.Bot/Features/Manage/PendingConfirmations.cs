using System.Text.Json.Serialization;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Components;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;
using LabelStudioMl.Bot.Presentation;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>
/// A destructive action waiting for its invoker's Confirm. <see cref="ProjectId"/> and <see cref="BackendUrl"/> are
/// as the invoker saw them, to find the backend's webhook.
/// </summary>
internal sealed record PendingConfirmation(
    string Token,
    int BackendId,
    string BackendName,
    int ProjectId,
    string BackendUrl,
    Caller Invoker,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The removal's one audit row: the invoker, the backend it named, <c>removed</c> when done.</summary>
    [JsonIgnore]
    public ButtonAudit Audit => new(Invoker, RemoveCommand.Name, $"backend:{BackendId}", BackendId, "removed");
}

/// <summary>How a confirmation is stored for replicas sharing a store.</summary>
[JsonSerializable(typeof(PendingConfirmation))]
internal sealed partial class PendingConfirmationJson : JsonSerializerContext;

/// <summary>
/// Confirmations waiting for a button press, under a random token (the <c>{token}</c> of <c>ml:remove:{token}:yes|no</c>),
/// in <see cref="ISessions{T}"/>: this process's memory (at most <see cref="DefaultCapacity"/>, the oldest give way) or
/// the store shared by replicas; an expired one stays a minute for the prompt's countdown to take.
/// <see cref="TryTakeAsync"/> removes atomically, so a press and the expiry can never both act on one confirmation.
/// </summary>
internal sealed class PendingConfirmations(ISessions<PendingConfirmation> pending, TimeProvider time)
{
    public const int DefaultCapacity = 100;

    /// <summary>Random bytes of a token (12 hex characters).</summary>
    public const int TokenBytes = 6;

    /// <summary>How long an expired confirmation can still be taken, by the countdown that ends it.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromMinutes(1);

    /// <summary>The bot's confirmations: in memory on SQLite, in the store when replicas share it (<see cref="SessionsOnStore{T}"/>).</summary>
    public static PendingConfirmations On(BotDatabase database, TimeProvider time) => new(
        new SessionsOnStore<PendingConfirmation>(
            database, time, RemoveConfirmation.CustomIdKind, PendingConfirmationJson.Default.PendingConfirmation, TokenBytes, DefaultCapacity, KeptAfterExpiry),
        time);

    /// <summary>Stores a new confirmation to remove <paramref name="backend"/> and returns it with its token.</summary>
    public Task<PendingConfirmation> AddAsync(MlBackend backend, Caller invoker, TimeSpan lifetime, CancellationToken cancellationToken) =>
        pending.AddAsync(
            token => new PendingConfirmation(token, backend.Id, BackendText.Name(backend), backend.Project, backend.Url, invoker, time.GetUtcNow() + lifetime),
            lifetime,
            cancellationToken);

    /// <summary>The live confirmation, without taking it (null when expired, taken or unknown).</summary>
    public Task<PendingConfirmation?> FindAsync(string token, CancellationToken cancellationToken) => pending.FindAsync(token, cancellationToken);

    /// <summary>Removes and returns the confirmation; null when someone else took it first.</summary>
    public Task<PendingConfirmation?> TryTakeAsync(string token, CancellationToken cancellationToken) => pending.TryTakeAsync(token, cancellationToken);
}
