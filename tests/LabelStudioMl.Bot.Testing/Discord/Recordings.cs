using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>An interaction callback the fake accepted.</summary>
/// <param name="InteractionId">The interaction.</param>
/// <param name="Type">The callback type (4 reply, 5 defer, 8 autocomplete…).</param>
/// <param name="Body">The whole body.</param>
public sealed record RecordedCallback(string InteractionId, int Type, JsonObject Body)
{
    /// <summary>When the fake accepted it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long Timestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Whether the reply or defer is ephemeral (flags 64).</summary>
    public bool Ephemeral => ((Body["data"]?["flags"]?.GetValue<int>() ?? 0) & 64) != 0;
}

/// <summary>A message the bot created or edited (channel message, <c>@original</c> edit, follow-up).</summary>
/// <param name="Id">The message id the fake assigned.</param>
/// <param name="ChannelOrInteraction">The channel id, or the interaction id for webhook messages.</param>
/// <param name="Body">The JSON body as sent.</param>
public sealed record RecordedMessage(string Id, string ChannelOrInteraction, JsonObject Body)
{
    /// <summary>When the fake accepted it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long Timestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Whether it is a follow-up (an answer besides <c>@original</c>, e.g. a private error).</summary>
    public bool IsFollowUp { get; init; }

    /// <summary>The text content.</summary>
    public string? Content => Body["content"]?.GetValue<string>();

    /// <summary>The embeds as sent.</summary>
    public JsonArray Embeds => Body["embeds"] as JsonArray ?? [];
}

/// <summary>A bulk overwrite of commands.</summary>
/// <param name="GuildId">The guild, or null for global commands.</param>
/// <param name="Commands">The body.</param>
public sealed record RecordedCommandOverwrite(string? GuildId, JsonArray Commands);

/// <summary>One WebSocket connection attempt to the fake gateway.</summary>
/// <param name="Path">The path (<c>/gateway</c> or <c>/resume</c>).</param>
/// <param name="Query">The query string.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Refused">Whether the fake refused it (fault knob).</param>
public sealed record GatewayConnectionAttempt(string Path, string Query, DateTimeOffset At, bool Refused);
