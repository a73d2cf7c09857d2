using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>How <see cref="FakeDiscord.DeliverInteractionAsync"/> signs a request.</summary>
public enum Signing
{
    /// <summary>As Discord signs: the application's key over timestamp and body, timestamp now.</summary>
    Valid,

    /// <summary>Signed by another key: what Discord's routine security checks send.</summary>
    Forged,

    /// <summary>Validly signed ten minutes ago: a recorded request sent again.</summary>
    Stale,

    /// <summary>No signature headers at all.</summary>
    NoSignature,

    /// <summary>A valid signature of another body.</summary>
    Tampered,
}

/// <summary>What an HTTP delivery got back: the status (0 when nothing came within Discord's 3 s) and the body.</summary>
public sealed record HttpDelivery(string InteractionId, int Status, string Body)
{
    /// <summary>The interaction response the body holds (<c>type</c>, <c>data</c>), when it is one.</summary>
    public JsonObject? Response => Status == 200 ? JsonNode.Parse(Body) as JsonObject : null;
}

/// <summary>
/// Discord's HTTP interactions (docs/interactions/overview.mdx, "Setting Up an Endpoint"; receiving-and-responding.mdx,
/// "Receiving an Interaction" and "Responding to an Interaction"): each interaction is a POST to the endpoint URL
/// signed with the application's Ed25519 key over <c>X-Signature-Timestamp</c> + raw body, in <c>X-Signature-Ed25519</c>
/// (hex). The response must come within 3 s; a 200 with an interaction response is the interaction's initial
/// response, checked and recorded exactly like a POST to <c>/interactions/{id}/{token}/callback</c>, so edits and
/// follow-ups then work on it; anything else leaves the interaction unanswered.
/// </summary>
public sealed partial class FakeDiscord
{
    private static readonly HttpClient Endpoints = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Ed25519PrivateKeyParameters _applicationKey = new(new SecureRandom());

    /// <summary>The application's public key as the Developer Portal shows it (64 hex characters); put it into <c>Discord:PublicKey</c>.</summary>
    public string PublicKey => Convert.ToHexStringLower(_applicationKey.GeneratePublicKey().GetEncoded());

    /// <summary>
    /// The application's Interactions Endpoint URL, as <c>GET /applications/@me</c> tells it in
    /// <c>interactions_endpoint_url</c> (docs/resources/application.mdx, "Application Structure"); null, the default,
    /// while Discord delivers interactions over the gateway. Set only by <see cref="SaveInteractionsEndpointAsync"/>.
    /// </summary>
    public Uri? InteractionsEndpointUrl { get; private set; }

    /// <summary>
    /// What the Developer Portal does when the URL is saved (docs/interactions/overview.mdx, "Setting Up an Endpoint"):
    /// it sends a signed PING and keeps the URL only when the answer is a PONG; otherwise it refuses, as the portal says
    /// "The specified interactions endpoint url could not be verified".
    /// </summary>
    public async Task SaveInteractionsEndpointAsync(Uri endpoint)
    {
        var ping = await PingAsync(endpoint);
        if (ping.Response?["type"]?.GetValue<int>() != 1)
            throw new InvalidOperationException($"The specified interactions endpoint url could not be verified ({ping.Status}: {ping.Body}).");
        InteractionsEndpointUrl = endpoint;
    }

    /// <summary>Every delivery to an endpoint, in order.</summary>
    public IReadOnlyList<HttpDelivery> Deliveries
    {
        get
        {
            lock (_deliveries)
                return [.. _deliveries];
        }
    }

    private readonly List<HttpDelivery> _deliveries = [];

    /// <summary>POSTs the interaction (filled in as <see cref="PushInteractionAsync"/> does) to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The bot's Interactions Endpoint URL.</param>
    /// <param name="interaction">The interaction (see <see cref="FakeInteractions"/>).</param>
    /// <param name="signing">How the request is signed.</param>
    /// <returns>What the endpoint answered.</returns>
    public async Task<HttpDelivery> DeliverInteractionAsync(Uri endpoint, JsonObject interaction, Signing signing = Signing.Valid)
    {
        var (id, sent) = Register(interaction);
        var delivery = await PostAsync(endpoint, id, sent.ToJsonString(), signing);
        if (delivery.Status == 200 && _interactions.TryGetValue(id, out var registered))
        {
            try
            {
                Callback(id, registered.Token, JsonNode.Parse(delivery.Body));
            }
            catch (RestError)
            {
                // Discord shows "This interaction failed"; the delivery keeps what came back.
            }
        }

        lock (_deliveries)
            _deliveries.Add(delivery);
        return delivery;
    }

    /// <summary>POSTs a PING, as Discord does when the endpoint URL is saved and in its routine checks.</summary>
    /// <param name="endpoint">The bot's Interactions Endpoint URL.</param>
    /// <param name="signing">How the request is signed.</param>
    /// <returns>What the endpoint answered.</returns>
    public Task<HttpDelivery> PingAsync(Uri endpoint, Signing signing = Signing.Valid)
    {
        var id = NextSnowflake();
        var ping = new JsonObject { ["id"] = id, ["application_id"] = ApplicationId, ["type"] = 1, ["token"] = $"fake-ping-{id}", ["version"] = 1 };
        return PostAsync(endpoint, id, ping.ToJsonString(), signing);
    }

    private async Task<HttpDelivery> PostAsync(Uri endpoint, string id, string body, Signing signing)
    {
        var now = DateTimeOffset.UtcNow - (signing == Signing.Stale ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signing != Signing.NoSignature)
        {
            var key = signing == Signing.Forged ? new Ed25519PrivateKeyParameters(new SecureRandom()) : _applicationKey;
            var signed = signing == Signing.Tampered ? body.Replace("\"type\":", "\"type\" :", StringComparison.Ordinal) : body;
            request.Headers.Add("X-Signature-Ed25519", Sign(key, timestamp + signed));
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        // Discord waits 3 s for the response (receiving-and-responding.mdx, "Responding to an Interaction").
        using var deadline = new CancellationTokenSource(Options.InteractionResponseDeadline);
        try
        {
            using var response = await Endpoints.SendAsync(request, deadline.Token);
            return new HttpDelivery(id, (int)response.StatusCode, await response.Content.ReadAsStringAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new HttpDelivery(id, 0, "");
        }
    }

    private static string Sign(Ed25519PrivateKeyParameters key, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, key);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }
}
