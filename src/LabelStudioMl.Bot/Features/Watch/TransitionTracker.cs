using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// What the watcher remembers of one backend: the last announced (confirmed) state and model version, and a
/// state seen but not yet confirmed with how many polls in a row it held.
/// </summary>
internal sealed record BackendWatchState(
    int BackendId,
    int ProjectId,
    string? Title,
    string State,
    string? ErrorMessage,
    string? ModelVersion,
    string? PendingState,
    int PendingCount);

/// <summary>What happened to a backend, worth a message.</summary>
internal enum BackendChangeKind
{
    /// <summary>The backend entered Error (confirmed).</summary>
    EnteredError,

    /// <summary>The backend entered Disconnected (confirmed).</summary>
    EnteredDisconnected,

    /// <summary>The backend is Connected again after Error or Disconnected (confirmed).</summary>
    Recovered,

    /// <summary>A model version not seen before, whoever trained it.</summary>
    NewModelVersion,

    /// <summary>The backend is gone from its project.</summary>
    Removed,
}

/// <summary>One change of one backend: the backend as last seen and the previous state code or model version.</summary>
internal sealed record BackendChange(BackendChangeKind Kind, MlBackend Backend, string? Previous);

/// <summary>The backend's next remembered state and what to announce.</summary>
internal sealed record TrackedObservation(BackendWatchState Next, IReadOnlyList<BackendChange> Changes);

/// <summary>
/// The damping state machine, pure: a state change (to Error, to Disconnected, back to Connected) is announced only
/// once it held for <c>confirmPolls</c> polls in a row, so a one-poll blip says nothing; a model version is a fact
/// and is announced the first time it is seen. Training and Predicting are transient (docs/label-studio-behaviour.md, "Label Studio: ML backends") and neither confirm
/// nor cancel a pending change. The first observation of a backend is its baseline and announces nothing.
/// </summary>
internal static class TransitionTracker
{
    /// <param name="known">What was remembered; null for a backend not seen before.</param>
    /// <param name="seen">The backend as Label Studio listed it now.</param>
    /// <param name="confirmPolls">Polls in a row a new state must hold.</param>
    public static TrackedObservation Observe(BackendWatchState? known, MlBackend seen, int confirmPolls)
    {
        if (known is null)
            return new(Baseline(seen), []);

        var changes = new List<BackendChange>();
        var version = known.ModelVersion;
        if (!string.IsNullOrWhiteSpace(seen.ModelVersion) && !string.Equals(seen.ModelVersion, known.ModelVersion, StringComparison.Ordinal))
        {
            changes.Add(new(BackendChangeKind.NewModelVersion, seen, known.ModelVersion));
            version = seen.ModelVersion;
        }

        var next = known with { Title = seen.Title, ErrorMessage = seen.ErrorMessage, ModelVersion = version };
        var code = seen.State.Code;
        if (!IsTracked(code))
            return new(next, changes);
        if (code == known.State)
            return new(next with { PendingState = null, PendingCount = 0 }, changes);

        var count = code == known.PendingState ? known.PendingCount + 1 : 1;
        if (count < confirmPolls)
            return new(next with { PendingState = code, PendingCount = count }, changes);

        changes.Add(new(KindOfEntering(code), seen, known.State));
        return new(next with { State = code, PendingState = null, PendingCount = 0 }, changes);
    }

    /// <summary>What a backend seen for the first time is remembered as (a transient state counts as Connected).</summary>
    public static BackendWatchState Baseline(MlBackend seen) =>
        new(seen.Id, seen.Project, seen.Title, IsTracked(seen.State.Code) ? seen.State.Code : MlBackendState.Connected.Code, seen.ErrorMessage, seen.ModelVersion, null, 0);

    private static bool IsTracked(string code) =>
        code == MlBackendState.Connected.Code || code == MlBackendState.Error.Code || code == MlBackendState.Disconnected.Code;

    private static BackendChangeKind KindOfEntering(string code) =>
        code == MlBackendState.Error.Code ? BackendChangeKind.EnteredError
        : code == MlBackendState.Disconnected.Code ? BackendChangeKind.EnteredDisconnected
        : BackendChangeKind.Recovered;
}
