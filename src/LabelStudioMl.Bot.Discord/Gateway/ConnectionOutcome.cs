namespace LabelStudioMl.Bot.Discord.Gateway;

/// <summary>How one connection ended and what the session does next.</summary>
internal sealed record ConnectionOutcome
{
    public bool Resume { get; init; }

    public bool Immediate { get; init; }

    public TimeSpan? Delay { get; init; }

    public bool Shutdown { get; init; }

    public string? Fatal { get; init; }

    public static ConnectionOutcome Retry(bool resume, bool immediate) => new() { Resume = resume, Immediate = immediate };

    public static ConnectionOutcome After(bool resume, TimeSpan delay) => new() { Resume = resume, Delay = delay };

    public static ConnectionOutcome Stopping { get; } = new() { Shutdown = true };

    public static ConnectionOutcome Stop(string reason) => new() { Fatal = reason };
}
