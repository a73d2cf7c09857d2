using System.Globalization;
using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Tests.Access;

/// <summary>Discord's roles of each server as the bot reads them (<c>GET /guilds/{id}/roles</c>): counts the reads and can fail or hang.</summary>
public sealed class StubDiscordRoles : IGuildRoleSource
{
    private readonly Dictionary<ulong, List<GuildRole>> _roles = [];
    private int _calls;

    public int RoleCalls => Volatile.Read(ref _calls);

    /// <summary>When set, the next calls throw it (a Discord outage).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, calls wait until cancelled (a Discord that does not answer).</summary>
    public bool Hang { get; set; }

    public StubDiscordRoles WithRole(string guildId, string roleId, string name)
    {
        var guild = ulong.Parse(guildId, CultureInfo.InvariantCulture);
        var id = ulong.Parse(roleId, CultureInfo.InvariantCulture);
        if (!_roles.TryGetValue(guild, out var list))
            _roles[guild] = list = [];
        list.RemoveAll(r => r.Id == id);
        list.Add(new GuildRole(id, name));
        return this;
    }

    public async Task<IReadOnlyList<GuildRole>> RolesAsync(ulong guildId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Hang)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (Failure is { } failure)
            throw failure;
        return _roles.TryGetValue(guildId, out var list) ? [.. list] : [];
    }
}
