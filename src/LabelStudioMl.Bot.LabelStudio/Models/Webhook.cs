using System.Text.Json.Serialization;
using LabelStudioMl.Bot.LabelStudio.Json;

namespace LabelStudioMl.Bot.LabelStudio.Models;

/// <summary>A Label Studio webhook (<c>WebhookSerializer</c>; only the fields the bot uses are modelled).</summary>
public sealed record Webhook
{
    /// <summary>The webhook's id.</summary>
    public int Id { get; init; }

    /// <summary>The project it belongs to; null for an organization webhook.</summary>
    public int? Project { get; init; }

    /// <summary>Where Label Studio posts the events.</summary>
    public string Url { get; init; } = "";

    /// <summary>Whether the events carry their payload.</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool SendPayload { get; init; }

    /// <summary>Whether every action is sent (rather than a chosen list).</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool SendForAllActions { get; init; }

    /// <summary>
    /// The URL of the project webhook Label Studio creates when an ML backend is added: <c>{url.rstrip('/')}/webhook</c>
    /// (<c>label_studio/ml/models.py</c>, <c>create_ml_webhook</c>). Label Studio never deletes it (docs/label-studio-behaviour.md, "Label Studio: webhooks").
    /// </summary>
    public static string UrlForMlBackend(string backendUrl)
    {
        ArgumentNullException.ThrowIfNull(backendUrl);
        return backendUrl.TrimEnd('/') + "/webhook";
    }

    /// <summary>Whether this looks like the webhook Label Studio created for an ML backend at <paramref name="backendUrl"/>: that URL, payload on, all actions.</summary>
    public bool IsCreatedForMlBackend(string backendUrl) =>
        Url == UrlForMlBackend(backendUrl) && SendPayload && SendForAllActions;
}
