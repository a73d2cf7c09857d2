using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.Discord;

public sealed partial class FakeDiscord
{
    private const ulong Administrator = 1UL << 3;

    /// <summary>
    /// The guild's roles, as <c>GET /guilds/{id}/roles</c> returns them. The first is <c>@everyone</c>, whose id is the
    /// guild's (permissions.mdx, "Role Object"). None is mentionable: that is Discord's default for a role
    /// (guild.mdx, "Create Guild Role": <c>mentionable</c> defaults to false).
    /// </summary>
    public JsonArray Roles { get; set; } =
    [
        Role("1100000000000000100", "@everyone", "2248473465835073", 0),
        Role("1100000000000000400", "ml-admin", "8", 2),
        Role("1100000000000000401", "ml-operator", "0", 1),
    ];

    /// <summary>Adds a role to the guild with Discord's defaults for a new role (not mentionable, no permissions).</summary>
    /// <param name="name">The role name.</param>
    /// <param name="mentionable">Whether anyone may @mention it (Server Settings → Roles → Allow anyone to @mention this role).</param>
    /// <param name="permissions">Its permission bits as a decimal string.</param>
    /// <param name="ofThisBot">Whether it is the role Discord manages for this bot (<c>tags.bot_id</c>), which holds the bot's permissions.</param>
    /// <returns>The role id.</returns>
    public string AddRole(string name, bool mentionable = false, string permissions = "0", bool ofThisBot = false)
    {
        var id = NextSnowflake();
        var role = Role(id, name, permissions, Roles.Count, mentionable);
        if (ofThisBot)
        {
            role["managed"] = true;
            role["tags"] = new JsonObject { ["bot_id"] = Options.BotUserId };
        }

        Roles.Add(role);
        return id;
    }

    /// <summary>Sets the permissions of <c>@everyone</c> (e.g. without MENTION_EVERYONE, 1 &lt;&lt; 17, as many servers have it).</summary>
    /// <param name="permissions">The permission bits as a decimal string.</param>
    public void SetEveryonePermissions(string permissions) => RoleById(Options.GuildId)!["permissions"] = permissions;

    /// <summary>
    /// What Discord adds to a guild interaction: <c>data.resolved.roles</c> with the role object of every ROLE option
    /// (receiving-and-responding.mdx, "Resolved Data Structure"; ids the guild does not have are left out), and
    /// <c>app_permissions</c>, the bot's permissions where it was invoked (same file, "Interaction Object"): here
    /// <c>@everyone</c>'s permissions and those of the bot's own role, every bit with ADMINISTRATOR (permissions.mdx,
    /// "Permission Overwrites": base permissions are @everyone's, then the member's roles; channel overwrites are not modelled).
    /// </summary>
    private void AddGuildFacts(JsonObject interaction)
    {
        if (interaction["guild_id"] is null)
            return;
        interaction["app_permissions"] ??= BotPermissions().ToString(CultureInfo.InvariantCulture);
        if (interaction["data"] is not JsonObject data)
            return;

        var roles = new JsonObject();
        foreach (var id in RoleOptionIds(data["options"] as JsonArray))
        {
            if (RoleById(id) is { } role)
                roles[id] = role.DeepClone();
        }

        if (roles.Count > 0)
            ((JsonObject)(data["resolved"] ??= new JsonObject()))["roles"] = roles;
    }

    private ulong BotPermissions()
    {
        var permissions = Roles.OfType<JsonObject>()
            .Where(r => MessageValidator.Text(r["id"]) == Options.GuildId || MessageValidator.Text(r["tags"]?["bot_id"]) == Options.BotUserId)
            .Aggregate(0UL, (all, r) => all | ulong.Parse(MessageValidator.Text(r["permissions"]) ?? "0", CultureInfo.InvariantCulture));
        return (permissions & Administrator) != 0 ? ulong.MaxValue : permissions;
    }

    private static IEnumerable<string> RoleOptionIds(JsonArray? options)
    {
        foreach (var option in (options ?? []).OfType<JsonObject>())
        {
            if (option["type"]?.GetValue<int>() == 8 && MessageValidator.Text(option["value"]) is { } id)
                yield return id;
            foreach (var nested in RoleOptionIds(option["options"] as JsonArray))
                yield return nested;
        }
    }

    private JsonObject? RoleById(string id) => Roles.OfType<JsonObject>().FirstOrDefault(r => MessageValidator.Text(r["id"]) == id);

    private static JsonObject Role(string id, string name, string permissions, int position, bool mentionable = false) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["color"] = 0,
        ["hoist"] = false,
        ["position"] = position,
        ["permissions"] = permissions,
        ["managed"] = false,
        ["mentionable"] = mentionable,
        ["flags"] = 0,
    };
}
