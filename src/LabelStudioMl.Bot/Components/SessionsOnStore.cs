using System.Text.Json.Serialization.Metadata;
using LabelStudioMl.Bot.Storage;

namespace LabelStudioMl.Bot.Components;

/// <summary>
/// Button sessions where the store's processes all see them: in the store when replicas share it
/// (<see cref="StoredSessions{T}"/>), else in this process's memory (<see cref="BoundedSessions{T}"/>). Chosen on first
/// use, once the Storage settings are known to be valid (check builds the commands before it reports them).
/// </summary>
internal sealed class SessionsOnStore<T>(
    BotDatabase database, TimeProvider time, string kind, JsonTypeInfo<T> type, int idBytes, int capacity, TimeSpan keptAfterExpiry = default)
    : ISessions<T>
    where T : class
{
    private readonly Lazy<ISessions<T>> _sessions = new(() => database.IsShared
        ? new StoredSessions<T>(database, kind, type, time, idBytes, keptAfterExpiry)
        : new BoundedSessions<T>(time, capacity, idBytes, keptAfterExpiry));

    public Task<T> AddAsync(Func<string, T> create, TimeSpan lifetime, CancellationToken cancellationToken) =>
        _sessions.Value.AddAsync(create, lifetime, cancellationToken);

    public Task<T?> FindAsync(string id, CancellationToken cancellationToken) => _sessions.Value.FindAsync(id, cancellationToken);

    public Task<T?> TryTakeAsync(string id, CancellationToken cancellationToken) => _sessions.Value.TryTakeAsync(id, cancellationToken);
}
