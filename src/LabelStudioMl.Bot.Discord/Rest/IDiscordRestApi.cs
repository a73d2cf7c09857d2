using LabelStudioMl.Bot.Discord.Models;
using Refit;

namespace LabelStudioMl.Bot.Discord.Rest;

/// <summary>
/// The Discord REST endpoints this bot uses (Refit). Authentication, the User-Agent and rate limits are applied by
/// handlers underneath, so every call here is safe to make as often as the product needs.
/// </summary>
public interface IDiscordRestApi
{
    /// <summary><c>GET /gateway/bot</c>: the gateway URL and the identify budget.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The gateway information.</returns>
    [Get("/gateway/bot")]
    Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /users/@me</c>: the bot user (checks the token).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The bot user.</returns>
    [Get("/users/@me")]
    Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /applications/@me</c>: the bot's application.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The application.</returns>
    [Get("/applications/@me")]
    Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /applications/{app}/commands</c>: the registered global commands.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The commands.</returns>
    [Get("/applications/{applicationId}/commands")]
    Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(Snowflake applicationId, CancellationToken cancellationToken = default);

    /// <summary><c>PUT /applications/{app}/commands</c>: replaces every global command.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="commands">The complete command set.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registered commands.</returns>
    [Put("/applications/{applicationId}/commands")]
    Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(Snowflake applicationId, [Body] IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary><c>GET /applications/{app}/guilds/{guild}/commands</c>: the registered guild commands.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="guildId">The guild.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The commands.</returns>
    [Get("/applications/{applicationId}/guilds/{guildId}/commands")]
    Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, CancellationToken cancellationToken = default);

    /// <summary><c>PUT /applications/{app}/guilds/{guild}/commands</c>: replaces every command of the guild (instant).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="guildId">The guild.</param>
    /// <param name="commands">The complete command set.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registered commands.</returns>
    [Put("/applications/{applicationId}/guilds/{guildId}/commands")]
    Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, [Body] IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default);

    /// <summary><c>POST /interactions/{id}/{token}/callback</c>: the initial answer (within 3 s); Discord answers 204 with no body.</summary>
    /// <param name="interactionId">The interaction.</param>
    /// <param name="interactionToken">Its token.</param>
    /// <param name="response">The answer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Completes when Discord accepted it.</returns>
    [Post("/interactions/{interactionId}/{interactionToken}/callback")]
    Task CreateInteractionResponseAsync(Snowflake interactionId, string interactionToken, [Body] InteractionResponse response, CancellationToken cancellationToken = default);

    /// <summary><c>PATCH /webhooks/{app}/{token}/messages/@original</c>: edits the answer (e.g. after a defer).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="interactionToken">The interaction token.</param>
    /// <param name="message">The new content.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The edited message's id.</returns>
    [Patch("/webhooks/{applicationId}/{interactionToken}/messages/@original")]
    Task<PostedMessage> EditOriginalResponseAsync(Snowflake applicationId, string interactionToken, [Body] MessageContent message, CancellationToken cancellationToken = default);

    /// <summary><c>POST /webhooks/{app}/{token}</c>: a follow-up message (15 minutes after the interaction at most).</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="interactionToken">The interaction token.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message's id.</returns>
    [Post("/webhooks/{applicationId}/{interactionToken}")]
    Task<PostedMessage> CreateFollowupMessageAsync(Snowflake applicationId, string interactionToken, [Body] MessageContent message, CancellationToken cancellationToken = default);

    /// <summary><c>POST /channels/{id}/messages</c> (use <see cref="MessageContent.MessageReference"/> to reply).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message's id.</returns>
    [Post("/channels/{channelId}/messages")]
    Task<PostedMessage> CreateMessageAsync(Snowflake channelId, [Body] MessageContent message, CancellationToken cancellationToken = default);

    /// <summary><c>GET /guilds/{id}/roles</c>: role names for the ids in <c>member.roles</c>.</summary>
    /// <param name="guildId">The guild.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The roles.</returns>
    [Get("/guilds/{guildId}/roles")]
    Task<IReadOnlyList<Role>> GetGuildRolesAsync(Snowflake guildId, CancellationToken cancellationToken = default);
}
