namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>A project webhook Label Studio created when an ML backend was added.</summary>
/// <param name="ProjectId">The project it belongs to.</param>
/// <param name="Url">The target, <c>{ml url}/webhook</c>.</param>
public sealed record FakeWebhook(int ProjectId, string Url);
