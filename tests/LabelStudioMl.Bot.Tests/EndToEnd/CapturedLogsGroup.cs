namespace LabelStudioMl.Bot.Tests.EndToEnd;

/// <summary>
/// Runs the classes that read a <see cref="BotHarness"/>'s <see cref="BotHarness.Logs"/> alone: the host's Serilog
/// logger becomes the process-wide static <c>Log.Logger</c>, so with hosts running in parallel a host's lines can land
/// in another host's capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CapturedLogsGroup
{
    /// <summary>The collection's name, for <c>[Collection(CapturedLogsGroup.Name)]</c>.</summary>
    public const string Name = "Captured logs";
}
