using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>What became of the project webhook Label Studio created for a removed backend.</summary>
internal enum MlWebhookOutcome
{
    /// <summary>The project has no such webhook (the URL changed since the backend was added, or someone removed it).</summary>
    NotFound,

    /// <summary>Deleted.</summary>
    Removed,

    /// <summary>Kept: another backend of the project still uses that ML server.</summary>
    InUse,

    /// <summary>Label Studio failed while it was looked up or deleted; it may still be there.</summary>
    Left,
}

/// <summary>The webhook's fate, its URL and, for <see cref="MlWebhookOutcome.InUse"/>, the backend still using it.</summary>
internal sealed record MlWebhookCleanupResult(MlWebhookOutcome Outcome, string Url, int? UsedByBackendId = null);

/// <summary>
/// After <c>/ml remove</c>: deletes the project webhook Label Studio created when the backend was added
/// (<c>{url}/webhook</c>, payload on, all actions), which Label Studio itself never deletes (docs/label-studio-behaviour.md, "Label Studio: webhooks"), unless another
/// backend of the project still uses that URL. A failure here never undoes or hides the removal: it is reported.
/// </summary>
internal sealed partial class MlWebhookCleanup(LabelStudioClient labelStudio, ILogger<MlWebhookCleanup> logger)
{
    public async Task<MlWebhookCleanupResult> RunAsync(int projectId, string backendUrl, CancellationToken cancellationToken)
    {
        var url = Webhook.UrlForMlBackend(backendUrl);
        try
        {
            var webhook = (await labelStudio.ListWebhooksAsync(projectId, cancellationToken)).FirstOrDefault(w => w.IsCreatedForMlBackend(backendUrl));
            if (webhook is null)
                return new MlWebhookCleanupResult(MlWebhookOutcome.NotFound, url);

            var backends = await labelStudio.ListBackendsAsync(projectId, cancellationToken);
            if (backends.FirstOrDefault(b => Webhook.UrlForMlBackend(b.Url) == url) is { } user)
                return new MlWebhookCleanupResult(MlWebhookOutcome.InUse, url, user.Id);

            await labelStudio.RemoveWebhookAsync(webhook.Id, cancellationToken);
            return new MlWebhookCleanupResult(MlWebhookOutcome.Removed, url);
        }
        catch (LabelStudioException e)
        {
            LogFailed(projectId, e.Kind, e.StatusCode, e.Message);
            return new MlWebhookCleanupResult(MlWebhookOutcome.Left, url);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the project {ProjectId} webhook for a removed backend failed: {Kind} {Status} {Message}")]
    private partial void LogFailed(int projectId, LabelStudioErrorKind kind, int? status, string message);
}
