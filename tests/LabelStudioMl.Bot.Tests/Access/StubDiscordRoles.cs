using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;

namespace LabelStudioMl.Bot.Tests.Access;

/// <summary>An <see cref="IDiscordRestApi"/> that answers <c>GET /guilds/{id}/roles</c> only, counts the calls and can fail or hang.</summary>
public sealed class StubDiscordRoles : IDiscordRestApi
{
    private readonly Dictionary<Snowflake, List<Role>> _roles = [];
    private int _calls;

    public int RoleCalls => Volatile.Read(ref _calls);

    /// <summary>When set, the next calls throw it (a Discord outage).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, calls wait until cancelled (a Discord that does not answer).</summary>
    public bool Hang { get; set; }

    public StubDiscordRoles WithRole(string guildId, string roleId, string name)
    {
        var guild = Snowflake.Parse(guildId);
        if (!_roles.TryGetValue(guild, out var list))
            _roles[guild] = list = [];
        list.RemoveAll(r => r.Id == Snowflake.Parse(roleId));
        list.Add(new Role { Id = Snowflake.Parse(roleId), Name = name });
        return this;
    }

    public async Task<IReadOnlyList<Role>> GetGuildRolesAsync(Snowflake guildId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Hang)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (Failure is { } failure)
            throw failure;
        return _roles.TryGetValue(guildId, out var list) ? [.. list] : [];
    }

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<User> GetCurrentUserAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(Snowflake applicationId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(Snowflake applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task CreateInteractionResponseAsync(Snowflake interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Message> EditOriginalResponseAsync(Snowflake applicationId, string interactionToken, MessageContent message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Message> CreateFollowupMessageAsync(Snowflake applicationId, string interactionToken, MessageContent message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Message> CreateMessageAsync(Snowflake channelId, MessageContent message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
