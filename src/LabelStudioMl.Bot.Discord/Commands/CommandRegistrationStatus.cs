using System.Globalization;

namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>
/// Whether the bot's commands are registered with Discord in this process, for readiness and metrics. Kept by
/// <see cref="CommandRegistrar.RegisterUntilDoneAsync"/>: until an attempt succeeds, users cannot see the commands.
/// </summary>
public sealed class CommandRegistrationStatus
{
    private volatile string? _problem = "no attempt has finished yet";

    /// <summary>Whether an attempt has made Discord's commands equal to the bot's.</summary>
    public bool IsRegistered => _problem is null;

    /// <summary>Why the commands are not registered yet (the last attempt's failure), or null once they are.</summary>
    public string? Problem => _problem;

    internal void Registered() => _problem = null;

    internal void Failed(int attempt, string reason, DateTimeOffset retryAt) =>
        _problem = string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} failed: {reason}; next attempt at {retryAt:u}");

    internal void GaveUp(string reason) => _problem = reason;
}
