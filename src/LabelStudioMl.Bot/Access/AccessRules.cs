
namespace LabelStudioMl.Bot.Access;

/// <summary>Validated <see cref="AccessSettings"/> in the form the policy asks questions of.</summary>
internal sealed class AccessRules
{
    private readonly Dictionary<ulong, GuildAccessRules> _guilds = [];
    private readonly Dictionary<string, AccessLevel> _directMessageUsers = new(StringComparer.Ordinal);

    /// <summary>Reads the options; entries the validator refuses are skipped (the host does not start with them).</summary>
    /// <param name="options">The bound section.</param>
    public AccessRules(AccessSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, levels) in options.Guilds)
        {
            if (Ids.TryParse(key.Trim(), out var guildId))
                _guilds[guildId] = new GuildAccessRules(guildId, levels);
        }

        foreach (var (userId, levelName) in options.DirectMessageUsers)
        {
            if (AccessLevelNames.TryParse(levelName, out var level))
                _directMessageUsers[userId.Trim()] = level;
        }

        ConsoleLevel = AccessLevelNames.TryParse(options.Console.Level, out var consoleLevel) ? consoleLevel : AccessLevel.Admin;
    }

    /// <summary>The level of the console transport.</summary>
    public AccessLevel ConsoleLevel { get; }

    /// <summary>The rules of a server, when it is configured.</summary>
    /// <param name="guildId">The server id as Discord sends it.</param>
    /// <param name="rules">The rules.</param>
    /// <returns>Whether the server is configured.</returns>
    public bool TryGetGuild(string? guildId, out GuildAccessRules rules)
    {
        rules = null!;
        return Ids.TryParse(guildId, out var id) && _guilds.TryGetValue(id, out rules!);
    }

    /// <summary>The level a user has in direct messages (<see cref="AccessLevel.None"/> unless listed).</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The level.</returns>
    public AccessLevel DirectMessageLevel(string userId) =>
        _directMessageUsers.GetValueOrDefault(userId, AccessLevel.None);
}
