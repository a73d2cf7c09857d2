
namespace LabelStudioMl.Bot.Access;

/// <summary>The roles that grant each level in one server, read from validated <see cref="AccessSettings"/>.</summary>
internal sealed class GuildAccessRules
{
    private readonly Dictionary<AccessLevel, IReadOnlyList<RoleReference>> _roles;

    /// <summary>Reads the level → entries map of <c>Access:Guilds:&lt;id&gt;</c>.</summary>
    /// <param name="guildId">The server.</param>
    /// <param name="levels">Level name → role entries (validated).</param>
    public GuildAccessRules(ulong guildId, IReadOnlyDictionary<string, List<string>>? levels)
    {
        GuildId = guildId;
        _roles = AccessLevelNames.Grantable.ToDictionary(level => level, _ => (IReadOnlyList<RoleReference>)[]);
        foreach (var (name, entries) in levels ?? new Dictionary<string, List<string>>())
        {
            if (AccessLevelNames.TryParse(name, out var level))
                _roles[level] = [.. _roles[level], .. (entries ?? []).Where(RoleReference.IsValid).Select(e => RoleReference.Parse(e, guildId))];
        }
    }

    /// <summary>The server.</summary>
    public ulong GuildId { get; }

    /// <summary>The entries listed exactly under <paramref name="level"/>.</summary>
    /// <param name="level">View, Operate or Admin.</param>
    /// <returns>The entries in configuration order.</returns>
    public IReadOnlyList<RoleReference> ListedUnder(AccessLevel level) =>
        _roles.TryGetValue(level, out var roles) ? roles : [];

    /// <summary>Every entry that grants <paramref name="level"/>: those listed under it, then those under higher levels (levels are cumulative).</summary>
    /// <param name="level">The level needed.</param>
    /// <returns>The entries, without duplicates.</returns>
    public IReadOnlyList<RoleReference> Granting(AccessLevel level) =>
        [.. AccessLevelNames.Grantable.Where(l => l >= level).SelectMany(ListedUnder).Distinct()];
}
