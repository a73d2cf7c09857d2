using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    /// <summary>
    /// <c>GET /api/webhooks/[?project=N]</c>: a plain array of the organization's webhooks (<c>label_studio/webhooks/api.py</c>,
    /// <c>WebhookListAPI</c> with <c>WebhookFilterSet</c>). An unknown project is django-filter's 400; <c>isnull</c>
    /// selects organization webhooks, of which the fake has none.
    /// </summary>
    private LsResult ListWebhooks(LsRequest request)
    {
        IEnumerable<FakeWebhook> webhooks = Webhooks;
        switch (request.Query("project"))
        {
            case null or "":
                break;
            case "isnull":
                webhooks = [];
                break;
            case var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId) && FindProject(projectId) is not null:
                webhooks = webhooks.Where(w => w.ProjectId == projectId);
                break;
            default:
                return _errors.Validation("project", "Select a valid choice. That choice is not one of the available choices.");
        }

        return LsResult.Json(200, new JsonArray([.. webhooks.OrderBy(w => w.Id).Select(w => (JsonNode)LsJson.Webhook(w))]));
    }

    /// <summary><c>GET /api/webhooks/{id}/</c> (<c>label_studio/webhooks/api.py</c>, <c>WebhookAPI</c>).</summary>
    private LsResult GetWebhook(LsRequest request) => LsResult.Json(200, LsJson.Webhook(RequireWebhook(request)));

    /// <summary>
    /// <c>DELETE /api/webhooks/{id}/</c>: 204 with no body (<c>label_studio/webhooks/api.py</c>, <c>WebhookAPI</c>, a
    /// <c>RetrieveUpdateDestroyAPIView</c>).
    /// </summary>
    private LsResult DeleteWebhook(LsRequest request)
    {
        var webhook = RequireWebhook(request);
        lock (_gate)
            _webhooks.Remove(webhook);
        return LsResult.Empty(204);
    }

    private FakeWebhook RequireWebhook(LsRequest request)
    {
        lock (_gate)
            return _webhooks.FirstOrDefault(w => w.Id == request.Id) ?? throw _errors.Fail(404, "Not found.");
    }
}
