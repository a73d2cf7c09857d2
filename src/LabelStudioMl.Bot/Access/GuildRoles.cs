
namespace LabelStudioMl.Bot.Access;

/// <summary>The roles of one server as Discord last reported them: names to ids (names are not unique) and back.</summary>
public sealed class GuildRoles
{
    private readonly ILookup<string, ulong> _idsByName;
    private readonly Dictionary<ulong, string> _namesById;

    /// <summary>Indexes a role list.</summary>
    /// <param name="roles">The roles from <c>GET /guilds/{id}/roles</c>.</param>
    public GuildRoles(IEnumerable<GuildRole> roles)
    {
        var list = roles.ToList();
        _idsByName = list.ToLookup(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
        _namesById = list.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().Name);
    }

    /// <summary>No roles known.</summary>
    public static GuildRoles Empty { get; } = new([]);

    /// <summary>The ids of the roles with this name, in any case.</summary>
    /// <param name="name">The role name.</param>
    /// <returns>The ids; empty when no role has the name.</returns>
    public IReadOnlyList<ulong> IdsNamed(string name) => [.. _idsByName[name]];

    /// <summary>The name of a role, when known.</summary>
    /// <param name="id">The role id.</param>
    /// <returns>The name or null.</returns>
    public string? NameOf(ulong id) => _namesById.GetValueOrDefault(id);
}
