namespace LabelStudioMl.Bot.Components;

/// <summary>
/// What a button needs to find again when it is pressed (pages to browse, a removal to confirm), under a random id
/// that goes into the button's custom id. Kept where every process that may get the press reads it: this process's
/// memory (<see cref="BoundedSessions{T}"/>, a SQLite store with its one process) or the store
/// (<see cref="StoredSessions{T}"/>, replicas sharing PostgreSQL). <see cref="TryTakeAsync"/> removes atomically, so
/// two takers (a press and an expiry, on one replica or two) never both get an entry.
/// </summary>
internal interface ISessions<T>
    where T : class
{
    /// <summary>Stores the value <paramref name="create"/> makes for a new id, for <paramref name="lifetime"/>; returns it.</summary>
    Task<T> AddAsync(Func<string, T> create, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>The live entry, without taking it; null when expired, taken, evicted or unknown.</summary>
    Task<T?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes and returns the entry (also shortly after its expiry); null when someone took it first.</summary>
    Task<T?> TryTakeAsync(string id, CancellationToken cancellationToken);
}
