using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Access;

/// <summary>
/// Decides whether a caller may run a command of a given level: the console runs at its configured level, direct
/// messages at the level of <c>Access:DirectMessageUsers</c>, server members by their roles under
/// <c>Access:Guilds:&lt;server id&gt;</c> (role ids directly, role names through <see cref="RoleNameResolver"/>).
/// </summary>
public sealed class AccessPolicy(IOptions<AccessSettings> options, RoleNameResolver resolver)
{
    private static readonly AccessLevel[] HighestFirst = [AccessLevel.Admin, AccessLevel.Operate, AccessLevel.View];

    private readonly AccessRules _rules = new(options.Value);

    /// <summary>The highest level the caller holds where the caller is (for <c>help</c>, which lists only what the caller may run).</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="cancellationToken">Cancels a role lookup.</param>
    /// <returns>The level; <see cref="AccessLevel.None"/> for unknown servers and unlisted direct-message users.</returns>
    public async ValueTask<AccessLevel> LevelOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsConsole)
            return _rules.ConsoleLevel;
        if (caller.IsDirectMessage)
            return _rules.DirectMessageLevel(caller.UserId);
        if (!_rules.TryGetGuild(caller.GuildId, out var guild))
            return AccessLevel.None;

        // Highest first: a member whose role id grants Admin is answered without asking Discord about names.
        foreach (var level in HighestFirst)
        {
            if (await HoldsAsync(guild, caller, level, cancellationToken))
                return level;
        }

        return AccessLevel.None;
    }

    /// <summary>Whether the caller may run a command that needs <paramref name="required"/>.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="required">The command's level.</param>
    /// <param name="cancellationToken">Cancels a role lookup.</param>
    /// <returns>Allowed, or denied with a message (see <see cref="AccessDecision.MessageFor"/>).</returns>
    public async ValueTask<AccessDecision> CheckAsync(Caller caller, AccessLevel required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (required == AccessLevel.None)
            return AccessDecision.Allow(required);
        if (caller.IsConsole)
            return CheckConsole(required);
        if (caller.IsDirectMessage)
            return CheckDirectMessage(caller, required);
        if (!caller.MembershipKnown)
        {
            // receiving-and-responding.mdx, "Interaction Object": member is "sent when the interaction is invoked in a guild".
            return AccessDecision.DenyWhere(required, "Discord sent this without your server membership, so the bot cannot tell your "
                + "roles. Try again; if it keeps happening, tell the bot's operator.");
        }

        if (!_rules.TryGetGuild(caller.GuildId, out var guild))
        {
            return AccessDecision.DenyWhere(required, "This server is not configured for the bot. An operator can grant roles under "
                + $"Access:Guilds:{caller.GuildId} in appsettings.json.");
        }

        if (await HoldsAsync(guild, caller, required, cancellationToken))
            return AccessDecision.Allow(required);
        return await DenyInGuildAsync(guild, required, cancellationToken);
    }

    private AccessDecision CheckConsole(AccessLevel required) =>
        _rules.ConsoleLevel >= required
            ? AccessDecision.Allow(required)
            : AccessDecision.Deny(required,
                $"The console runs with **{AccessLevelNames.Display(_rules.ConsoleLevel)}** access; an operator can raise Access:Console:Level.");

    private AccessDecision CheckDirectMessage(Caller caller, AccessLevel required)
    {
        var level = _rules.DirectMessageLevel(caller.UserId);
        if (level == AccessLevel.None)
        {
            return AccessDecision.DenyWhere(required, "Commands in direct messages are off for you. Use a server channel where the bot is, "
                + "or ask an operator to add your user id to Access:DirectMessageUsers.");
        }

        return level >= required
            ? AccessDecision.Allow(required)
            : AccessDecision.Deny(required, $"In direct messages you have **{AccessLevelNames.Display(level)}** access; "
                + $"an operator can raise it under Access:DirectMessageUsers:{caller.UserId}, or use a server channel where your roles grant it.");
    }

    private async ValueTask<bool> HoldsAsync(GuildAccessRules guild, Caller caller, AccessLevel level, CancellationToken cancellationToken)
    {
        // Every member holds @everyone, whose id is the server id; Discord leaves it out of member.roles.
        var memberRoles = new HashSet<ulong> { guild.GuildId };
        foreach (var roleId in caller.RoleIds)
        {
            if (Ids.TryParse(roleId, out var id))
                memberRoles.Add(id);
        }

        var granting = guild.Granting(level);
        if (granting.Any(r => r.Id is { } id && memberRoles.Contains(id)))
            return true;

        foreach (var name in granting.Select(r => r.Name).OfType<string>())
        {
            var ids = await resolver.ResolveAsync(guild.GuildId, name, cancellationToken);
            if (ids.Any(memberRoles.Contains))
                return true;
        }

        return false;
    }

    private async ValueTask<AccessDecision> DenyInGuildAsync(GuildAccessRules guild, AccessLevel required, CancellationToken cancellationToken)
    {
        var labels = new List<string>();
        foreach (var role in guild.Granting(required))
            labels.Add(await LabelAsync(guild.GuildId, role, cancellationToken));
        labels = [.. labels.Distinct(StringComparer.OrdinalIgnoreCase)];

        var explanation = labels.Count switch
        {
            0 => $"In this server no role grants it; an operator can add roles under Access:Guilds:{guild.GuildId}:{required} in appsettings.json.",
            1 => $"In this server it is granted by the role {labels[0]}.",
            _ => $"In this server it is granted by the roles {string.Join(", ", labels)}.",
        };
        return AccessDecision.Deny(required, explanation);
    }

    private async ValueTask<string> LabelAsync(ulong guildId, RoleReference role, CancellationToken cancellationToken)
    {
        if (role.Name is { } name)
            return "@" + name;
        var id = role.Id!.Value;
        if (id == guildId)
            return RoleReference.Everyone;
        return await resolver.NameOfAsync(guildId, id, cancellationToken) is { } known ? "@" + known : $"<@&{id}>";
    }
}
