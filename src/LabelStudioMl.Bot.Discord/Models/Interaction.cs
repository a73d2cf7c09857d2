namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>An interaction (the <c>d</c> of INTERACTION_CREATE). In guilds <see cref="Member"/> is set, in DMs <see cref="User"/>.</summary>
public sealed record Interaction
{
    /// <summary>The interaction id: callback path and de-duplication key.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The application id (follow-up path).</summary>
    public Snowflake ApplicationId { get; init; }

    /// <summary>The interaction type.</summary>
    public InteractionType Type { get; init; }

    /// <summary>The command, component or modal data (absent for PING).</summary>
    public InteractionData? Data { get; init; }

    /// <summary>The guild, absent in DMs.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>The channel it was invoked in.</summary>
    public Snowflake? ChannelId { get; init; }

    /// <summary>The invoking member (guilds only; <c>member.user</c> holds the user).</summary>
    public GuildMember? Member { get; init; }

    /// <summary>The invoking user (DMs only).</summary>
    public User? User { get; init; }

    /// <summary>The continuation token (valid 15 minutes; first answer within 3 seconds).</summary>
    public string Token { get; init; } = "";

    /// <summary>Always 1.</summary>
    public int Version { get; init; }

    /// <summary>The message a component is attached to.</summary>
    public Message? Message { get; init; }

    /// <summary>The bot's permissions where invoked (decimal string).</summary>
    public string? AppPermissions { get; init; }

    /// <summary><see cref="AppPermissions"/> as flags; null when Discord did not send them.</summary>
    public DiscordPermissions? AppPermissionFlags => DiscordPermissionText.Parse(AppPermissions);

    /// <summary>The invoking user's locale.</summary>
    public string? Locale { get; init; }

    /// <summary>The guild's locale.</summary>
    public string? GuildLocale { get; init; }

    /// <summary>Where the interaction was triggered (0 guild, 1 bot DM, 2 private channel).</summary>
    public int? Context { get; init; }

    /// <summary>The invoking user, in a guild or a DM.</summary>
    public User? Invoker => Member?.User ?? User;

    /// <summary>Describes the interaction without its token, which lets anyone answer in the bot's name for 15 minutes.</summary>
    /// <returns>Id, type, command or custom id, guild, channel and invoker.</returns>
    public override string ToString() =>
        $"Interaction {{ Id = {Id}, Type = {Type}, Name = {Data?.Name ?? Data?.CustomId}, GuildId = {GuildId}, ChannelId = {ChannelId}, Invoker = {Invoker?.Id} }}";
}
