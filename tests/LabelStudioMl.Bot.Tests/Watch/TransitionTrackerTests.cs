using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Tests.Watch;

/// <summary>The damping state machine: what a sequence of polls of one backend announces.</summary>
public sealed class TransitionTrackerTests
{
    private const int ConfirmPolls = 2;

    [Fact]
    public void The_first_sighting_is_the_baseline_and_announces_nothing_even_in_error()
    {
        var changes = Run(ConfirmPolls, Seen("ER", error: "boom"));

        Assert.Empty(changes);
    }

    [Fact]
    public void Error_is_announced_once_it_held_for_the_confirm_polls_with_its_message()
    {
        var changes = Run(ConfirmPolls, Seen("CO"), Seen("ER", error: "first"), Seen("ER", error: "setup failed"), Seen("ER"), Seen("ER"));

        var change = Assert.Single(changes);
        Assert.Equal(BackendChangeKind.EnteredError, change.Kind);
        Assert.Equal("setup failed", change.Backend.ErrorMessage);
        Assert.Equal("CO", change.Previous);
    }

    [Fact]
    public void A_one_poll_blip_announces_nothing_and_the_count_starts_again()
    {
        var changes = Run(ConfirmPolls, Seen("CO"), Seen("ER"), Seen("CO"), Seen("ER"), Seen("CO"));

        Assert.Empty(changes);
    }

    [Fact]
    public void Recovery_is_damped_alike_and_names_the_state_it_left()
    {
        var changes = Run(ConfirmPolls, Seen("CO"), Seen("DI"), Seen("DI"), Seen("CO"), Seen("DI"), Seen("CO"), Seen("CO"));

        Assert.Equal([BackendChangeKind.EnteredDisconnected, BackendChangeKind.Recovered], changes.Select(c => c.Kind));
        Assert.Equal("DI", changes[1].Previous);
    }

    [Fact]
    public void Training_neither_confirms_nor_cancels_a_pending_change()
    {
        var changes = Run(ConfirmPolls, Seen("CO"), Seen("ER"), Seen("TR"), Seen("ER"));

        Assert.Equal(BackendChangeKind.EnteredError, Assert.Single(changes).Kind);
    }

    [Fact]
    public void A_new_model_version_is_announced_at_first_sight_and_only_once()
    {
        var changes = Run(ConfirmPolls, Seen("CO", version: "1"), Seen("CO", version: "2"), Seen("CO", version: "2"), Seen("DI", version: ""), Seen("DI", version: "2"));

        var change = Assert.Single(changes, c => c.Kind == BackendChangeKind.NewModelVersion);
        Assert.Equal("1", change.Previous);
        Assert.Equal("2", change.Backend.ModelVersion);
    }

    [Fact]
    public void With_one_confirm_poll_a_change_is_announced_at_once()
    {
        var changes = Run(1, Seen("CO"), Seen("ER"));

        Assert.Equal(BackendChangeKind.EnteredError, Assert.Single(changes).Kind);
    }

    [Fact]
    public void A_pending_change_survives_as_stored_state()
    {
        var pending = TransitionTracker.Observe(TransitionTracker.Baseline(Seen("CO")), Seen("ER"), ConfirmPolls).Next;

        var resumed = TransitionTracker.Observe(pending with { }, Seen("ER"), ConfirmPolls);

        Assert.Equal(("ER", 1), (pending.PendingState, pending.PendingCount));
        Assert.Equal(BackendChangeKind.EnteredError, Assert.Single(resumed.Changes).Kind);
        Assert.Equal(("ER", null, 0), (resumed.Next.State, resumed.Next.PendingState, resumed.Next.PendingCount));
    }

    private static List<BackendChange> Run(int confirmPolls, params MlBackend[] polls)
    {
        BackendWatchState? state = null;
        var changes = new List<BackendChange>();
        foreach (var seen in polls)
        {
            var observed = TransitionTracker.Observe(state, seen, confirmPolls);
            state = observed.Next;
            changes.AddRange(observed.Changes);
        }

        return changes;
    }

    private static MlBackend Seen(string state, string? error = null, string version = "0.0.1") =>
        new() { Id = 12, Project = 3, Title = "yolo", State = new MlBackendState(state), ErrorMessage = error, ModelVersion = version };
}
