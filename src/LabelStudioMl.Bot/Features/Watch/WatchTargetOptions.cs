using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>What <c>/ml watch</c> and <c>/ml unwatch</c> share: exactly one of backend or project, and a channel to post in.</summary>
internal static class WatchTargetOptions
{
    public static readonly CommandOption Backend = CommonOptions.Backend with { Required = false, Description = "One ML backend (or give project)" };

    public static readonly CommandOption Project = CommonOptions.Project with { Required = false, Description = "Every ML backend of a project (or give backend)" };

    /// <summary>The problem when not exactly one of backend and project is given.</summary>
    public static string? Validate(CommandOptions options) => (options.Has(Backend.Name), options.Has(Project.Name)) switch
    {
        (true, true) => "Give `backend` or `project`, not both: a channel watches one backend, or every backend of a project.",
        (false, false) => "Say what to watch: `backend:<id>` for one ML backend, or `project:<id>` for every backend of a project.",
        _ => null,
    };

    /// <summary>The backend or project given.</summary>
    public static WatchTarget Read(CommandOptions options) => options.Id(Backend.Name) is { } backend
        ? new WatchTarget(WatchTargetKind.Backend, backend)
        : new WatchTarget(WatchTargetKind.Project, options.Id(Project.Name)!.Value);

    /// <summary>The channel the command came from; on the console, its stand-in channel (<see cref="Caller.ConsoleChannelId"/>).</summary>
    public static string ChannelOf(Caller caller) => caller switch
    {
        { IsConsole: true } => Caller.ConsoleChannelId,
        { ChannelId: { } channel } => channel,
        _ => throw new CommandInputException("Watching needs a Discord channel to post alerts in: run this command in that channel (or in a direct message with the bot)."),
    };
}
