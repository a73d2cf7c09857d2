using System.Text.Json;

namespace LabelStudioMl.Bot.Discord.Models;

/// <summary>Objects referenced by option values, keyed by their id (as a string).</summary>
public sealed record ResolvedData
{
    /// <summary>Referenced users.</summary>
    public IReadOnlyDictionary<string, User>? Users { get; init; }

    /// <summary>Referenced members (without <c>user</c>, <c>deaf</c>, <c>mute</c>).</summary>
    public IReadOnlyDictionary<string, GuildMember>? Members { get; init; }

    /// <summary>Referenced roles.</summary>
    public IReadOnlyDictionary<string, Role>? Roles { get; init; }

    /// <summary>Referenced channels (partial, kept raw).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Channels { get; init; }

    /// <summary>Referenced attachments (kept raw).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Attachments { get; init; }
}
