namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>What a subscription watches: one backend, or every backend of a project.</summary>
internal enum WatchTargetKind
{
    /// <summary>One ML backend.</summary>
    Backend,

    /// <summary>Every ML backend of a project.</summary>
    Project,
}

/// <summary>A watched backend or project by id.</summary>
internal sealed record WatchTarget(WatchTargetKind Kind, int Id)
{
    /// <summary>As stored: <c>backend</c> or <c>project</c>.</summary>
    public string StoredKind => Kind == WatchTargetKind.Backend ? "backend" : "project";

    /// <summary>As shown: <c>backend #12</c>.</summary>
    public override string ToString() => $"{StoredKind} #{Id}";

    /// <summary>Reads the stored kind.</summary>
    public static WatchTarget FromStored(string kind, long id) =>
        new(kind == "backend" ? WatchTargetKind.Backend : WatchTargetKind.Project, checked((int)id));
}

/// <summary>One channel's subscription; <see cref="ProjectId"/> is the project polled for it.</summary>
internal sealed record WatchSubscription(
    long Id,
    string? GuildId,
    string ChannelId,
    WatchTarget Target,
    int ProjectId,
    string? MentionRoleId,
    string CreatedById,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt = null,
    string? DisabledReason = null,
    DateTimeOffset? SnoozedUntil = null)
{
    /// <summary>Whether its alerts are held back at <paramref name="now"/> (<c>/ml watch … snooze:</c>).</summary>
    public bool IsSnoozedAt(DateTimeOffset now) => SnoozedUntil is { } until && until > now;

    /// <summary>Whether a change of <paramref name="backendId"/> (null: the project itself) in <paramref name="projectId"/> concerns it.</summary>
    public bool Concerns(int projectId, int? backendId) => backendId is not { } backend
        ? ProjectId == projectId
        : Target.Kind == WatchTargetKind.Project ? Target.Id == projectId : Target.Id == backend;
}
