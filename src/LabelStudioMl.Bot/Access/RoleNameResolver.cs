using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Access;

/// <summary>
/// Resolves role names to ids (and ids to names) per server through <c>GET /guilds/{id}/roles</c>, cached.
/// A server's roles are fetched again when they are <see cref="RefreshInterval"/> old, or when a name is not found and
/// the last attempt is <see cref="MissRetryInterval"/> old, so a typo in the configuration cannot hammer Discord.
/// Discord failures never reach the caller: they are logged and the last known roles (or none) are used.
/// </summary>
public sealed partial class RoleNameResolver(IGuildRoleSource roleSource, TimeProvider time, ILogger<RoleNameResolver> logger)
{
    /// <summary>How long a server's roles are trusted.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The least time between two fetches for one server (after a miss or a failure).</summary>
    public static readonly TimeSpan MissRetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a fetch may take: the access check runs before the interaction is acknowledged, which Discord
    /// requires within 3 seconds.
    /// </summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<ulong, GuildRoleCache> _guilds = new();

    /// <summary>The ids of the roles named <paramref name="roleName"/> (any case) in a server.</summary>
    /// <param name="guildId">The server.</param>
    /// <param name="roleName">The role name.</param>
    /// <param name="cancellationToken">Cancels waiting (a cancelled caller gets <see cref="OperationCanceledException"/>).</param>
    /// <returns>The ids; empty when no such role is known.</returns>
    public async ValueTask<IReadOnlyList<ulong>> ResolveAsync(ulong guildId, string roleName, CancellationToken cancellationToken)
    {
        var roles = await RolesAsync(guildId, r => r.IdsNamed(roleName).Count > 0, cancellationToken);
        return roles.IdsNamed(roleName);
    }

    /// <summary>The name of a role in a server, when Discord told it.</summary>
    /// <param name="guildId">The server.</param>
    /// <param name="roleId">The role.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The name or null.</returns>
    public async ValueTask<string?> NameOfAsync(ulong guildId, ulong roleId, CancellationToken cancellationToken)
    {
        var roles = await RolesAsync(guildId, r => r.NameOf(roleId) is not null, cancellationToken);
        return roles.NameOf(roleId);
    }

    /// <summary>The roles of a server, fetched when stale or when <paramref name="satisfied"/> fails (both throttled).</summary>
    /// <param name="guildId">The server.</param>
    /// <param name="satisfied">Whether the cached roles answer the question.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The freshest roles known.</returns>
    public async ValueTask<GuildRoles> RolesAsync(ulong guildId, Func<GuildRoles, bool> satisfied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(satisfied);
        var cache = _guilds.GetOrAdd(guildId, _ => new GuildRoleCache());
        if (!cache.Current.NeedsFetch(time.GetUtcNow(), satisfied))
            return cache.Current.Roles;

        await cache.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            if (cache.Current.NeedsFetch(time.GetUtcNow(), satisfied))
                await FetchAsync(guildId, cache, cancellationToken);
            return cache.Current.Roles;
        }
        finally
        {
            cache.Gate.Release();
        }
    }

    private async Task FetchAsync(ulong guildId, GuildRoleCache cache, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        cache.Current = cache.Current with { AttemptedAt = started };
        using var timeout = new CancellationTokenSource(FetchTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var roles = await roleSource.RolesAsync(guildId, linked.Token);
            cache.Current = new RoleCacheState(new GuildRoles(roles), FetchedAt: started, AttemptedAt: started);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRolesUnreadable(e, guildId, e.Message, MissRetryInterval);
        }
    }

    private sealed class GuildRoleCache
    {
        private RoleCacheState _current = new(GuildRoles.Empty, FetchedAt: null, AttemptedAt: null);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public RoleCacheState Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }
    }

    private sealed record RoleCacheState(GuildRoles Roles, DateTimeOffset? FetchedAt, DateTimeOffset? AttemptedAt)
    {
        public bool NeedsFetch(DateTimeOffset now, Func<GuildRoles, bool> satisfied)
        {
            if (AttemptedAt is { } attempted && now - attempted < MissRetryInterval)
                return false;
            return FetchedAt is not { } fetched || now - fetched >= RefreshInterval || !satisfied(Roles);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the roles of server {GuildId} from Discord ({Problem}). Role names under Access:Guilds are matched against the roles known so far; role ids keep working. Next attempt in {Retry} at the earliest.")]
    private partial void LogRolesUnreadable(Exception exception, ulong guildId, string problem, TimeSpan retry);
}
