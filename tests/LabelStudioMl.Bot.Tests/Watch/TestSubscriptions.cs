using LabelStudioMl.Bot.Features.Watch;


namespace LabelStudioMl.Bot.Tests.Watch;

/// <summary>Subscriptions as tests need them: a channel, a target, the project polled for it, maybe a role to ping.</summary>
internal static class TestSubscriptions
{
    public static WatchSubscription Of(string channel, WatchTargetKind kind, int id, int projectId, string? role = null) =>
        new(0, "1100000000000000100", channel, new WatchTarget(kind, id), projectId, role, "1100000000000000300", "alice", DateTimeOffset.UtcNow);

    /// <summary>A project watch (the project is the one polled).</summary>
    public static WatchSubscription OfProject(string channel, int projectId) => Of(channel, WatchTargetKind.Project, projectId, projectId);
}
