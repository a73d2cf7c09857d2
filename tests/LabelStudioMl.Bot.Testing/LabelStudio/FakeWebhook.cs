namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>
/// A project webhook as stored by the fake: Label Studio creates one (payload on, all actions) when an ML backend is
/// added (<c>label_studio/ml/models.py</c>, <c>create_ml_webhook</c>); tests may seed others.
/// </summary>
/// <param name="Id">Primary key.</param>
/// <param name="ProjectId">The project it belongs to.</param>
/// <param name="Url">The target, <c>{ml url}/webhook</c> for the ones Label Studio creates.</param>
/// <param name="CreatedAt">Creation time (also its <c>updated_at</c>).</param>
public sealed record FakeWebhook(int Id, int ProjectId, string Url, DateTimeOffset CreatedAt)
{
    /// <summary><c>send_payload</c> (true for the ones Label Studio creates).</summary>
    public bool SendPayload { get; init; } = true;

    /// <summary><c>send_for_all_actions</c> (true for the ones Label Studio creates).</summary>
    public bool SendForAllActions { get; init; } = true;
}
