using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>
/// Builds INTERACTION_CREATE payloads shaped like Discord's (guild with <c>member</c>, DM with <c>user</c>,
/// subcommands and groups, autocomplete, buttons) for <see cref="FakeDiscord.PushInteractionAsync"/>.
/// </summary>
/// <example><code>
/// await discord.PushInteractionAsync(FakeInteractions.SlashCommand("ml",
///     FakeInteractions.SubCommand("train", FakeInteractions.Option("model", "sentiment-v2"), FakeInteractions.Option("epochs", 10))));
/// </code></example>
public static class FakeInteractions
{
    /// <summary>The default invoking user's id.</summary>
    public const string UserId = "1100000000000000300";

    /// <summary>The default channel id.</summary>
    public const string ChannelId = "1100000000000000200";

    /// <summary>A slash command invoked in a guild by a member holding the two roles of <see cref="FakeDiscord.Roles"/>.</summary>
    /// <param name="name">The command name.</param>
    /// <param name="options">Options, subcommands or groups.</param>
    /// <returns>The interaction.</returns>
    public static JsonObject SlashCommand(string name, params JsonObject[] options) => InGuild(Command(2, name, options), ["1100000000000000400", "1100000000000000401"]);

    /// <summary>A slash command invoked in a guild by a member with the given roles and permissions.</summary>
    /// <param name="roleIds">The member's role ids.</param>
    /// <param name="permissions">The member's permissions (decimal string).</param>
    /// <param name="name">The command name.</param>
    /// <param name="options">Options.</param>
    /// <returns>The interaction.</returns>
    public static JsonObject SlashCommandBy(string[] roleIds, string permissions, string name, params JsonObject[] options)
    {
        var interaction = InGuild(Command(2, name, options), roleIds);
        interaction["member"]!["permissions"] = permissions;
        return interaction;
    }

    /// <summary>The same interaction as if invoked in a DM: <c>user</c> instead of <c>member</c>, no guild.</summary>
    /// <param name="interaction">A guild interaction.</param>
    /// <returns>A new DM interaction.</returns>
    public static JsonObject InDirectMessage(JsonObject interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var dm = (JsonObject)interaction.DeepClone();
        dm["user"] = dm["member"]?["user"]?.DeepClone() ?? User();
        dm.Remove("member");
        dm.Remove("guild_id");
        dm.Remove("guild");
        dm.Remove("guild_locale");
        dm["context"] = 1;
        dm["channel"] = new JsonObject { ["id"] = ChannelId, ["type"] = 1 };
        return dm;
    }

    /// <summary>An autocomplete request (type 4); mark the typed option with <see cref="Focused"/>.</summary>
    /// <param name="name">The command name.</param>
    /// <param name="options">Options (partial values allowed).</param>
    /// <returns>The interaction.</returns>
    public static JsonObject Autocomplete(string name, params JsonObject[] options) => InGuild(Command(4, name, options), ["1100000000000000400"]);

    /// <summary>A button press (type 3) on a message the bot sent, by a member holding role …400.</summary>
    /// <param name="customId">The button's custom id.</param>
    /// <returns>The interaction.</returns>
    public static JsonObject ButtonPress(string customId) => ButtonPressBy(["1100000000000000400"], customId);

    /// <summary>A button press (type 3) by a member holding <paramref name="roleIds"/>: Discord sends the presser's roles as they are now.</summary>
    /// <param name="roleIds">The presser's role ids.</param>
    /// <param name="customId">The button's custom id.</param>
    /// <returns>The interaction.</returns>
    public static JsonObject ButtonPressBy(string[] roleIds, string customId)
    {
        var interaction = InGuild(new JsonObject { ["type"] = 3, ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 } }, roleIds);
        interaction["message"] = new JsonObject { ["id"] = "1100000000000000700", ["channel_id"] = ChannelId, ["content"] = "", ["embeds"] = new JsonArray() };
        return interaction;
    }

    /// <summary>A subcommand with its options.</summary>
    /// <param name="name">The subcommand.</param>
    /// <param name="options">Leaf options.</param>
    /// <returns>The option.</returns>
    public static JsonObject SubCommand(string name, params JsonObject[] options) =>
        new() { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray([.. options]) };

    /// <summary>A subcommand group.</summary>
    /// <param name="name">The group.</param>
    /// <param name="subCommands">Its subcommands.</param>
    /// <returns>The option.</returns>
    public static JsonObject SubCommandGroup(string name, params JsonObject[] subCommands) =>
        new() { ["name"] = name, ["type"] = 2, ["options"] = new JsonArray([.. subCommands]) };

    /// <summary>A leaf option; the type follows the value (string 3, integer 4, boolean 5, double 10).</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The option.</returns>
    public static JsonObject Option(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (type, node) = value switch
        {
            string s => (3, (JsonNode)JsonValue.Create(s)),
            int i => (4, JsonValue.Create((long)i)),
            long l => (4, JsonValue.Create(l)),
            bool b => (5, JsonValue.Create(b)),
            double d => (10, JsonValue.Create(d)),
            _ => throw new ArgumentException($"Unsupported option value {value.GetType().Name}.", nameof(value)),
        };
        return new JsonObject { ["name"] = name, ["type"] = type, ["value"] = node };
    }

    /// <summary>A USER (6), CHANNEL (7) or ROLE (8) option holding an id string.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="type">6, 7 or 8.</param>
    /// <param name="id">The snowflake.</param>
    /// <returns>The option.</returns>
    public static JsonObject IdOption(string name, int type, string id) => new() { ["name"] = name, ["type"] = type, ["value"] = id };

    /// <summary>Marks an option as the one being typed (autocomplete).</summary>
    /// <param name="option">The option.</param>
    /// <returns>The same option.</returns>
    public static JsonObject Focused(JsonObject option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option["focused"] = true;
        return option;
    }

    private static JsonObject Command(int type, string name, JsonObject[] options) => new()
    {
        ["type"] = type,
        ["data"] = new JsonObject
        {
            ["id"] = "1100000000000000500",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray([.. options]),
        },
    };

    private static JsonObject InGuild(JsonObject interaction, string[] roleIds)
    {
        const string guild = "1100000000000000100";
        interaction["guild_id"] = guild;
        interaction["guild"] = new JsonObject { ["id"] = guild, ["locale"] = "en-US", ["features"] = new JsonArray() };
        interaction["channel_id"] = ChannelId;
        interaction["channel"] = new JsonObject { ["id"] = ChannelId, ["type"] = 0, ["name"] = "ml-ops", ["guild_id"] = guild };
        interaction["member"] = new JsonObject
        {
            ["user"] = User(),
            ["roles"] = new JsonArray([.. roleIds.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["permissions"] = "2248473465835073",
            ["nick"] = null,
            ["joined_at"] = "2024-03-13T19:19:14.040000+00:00",
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
        };
        interaction["locale"] = "en-US";
        interaction["guild_locale"] = "en-US";
        interaction["entitlements"] = new JsonArray();
        interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = guild };
        interaction["context"] = 0;
        interaction["attachment_size_limit"] = 10485760;
        if (interaction["data"] is JsonObject data && interaction["type"]!.GetValue<int>() != 3)
            data["guild_id"] = guild;
        return interaction;
    }

    private static JsonObject User() => new()
    {
        ["id"] = UserId,
        ["username"] = "alice",
        ["discriminator"] = "0",
        ["global_name"] = "Alice",
        ["avatar"] = null,
        ["public_flags"] = 0,
    };

    internal static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}
