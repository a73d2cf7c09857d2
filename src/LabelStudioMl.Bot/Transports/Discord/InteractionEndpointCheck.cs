using System.Globalization;
using System.Net;
using System.Text;
using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Rest;
using Microsoft.Extensions.Options;
using Refit;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The part of <c>check</c> for the HTTP interactions transport. It asks Discord for the application
/// (<c>GET /applications/@me</c>, docs/resources/application.mdx): its <c>verify_key</c> must be
/// <c>Discord:PublicKey</c>, and it must have an <c>interactions_endpoint_url</c>. The portal saves that URL only after
/// a PING signed with Discord's key got the endpoint's PONG (docs/interactions/overview.mdx, "Setting Up an Endpoint"),
/// so a saved URL is the signed PING that check itself cannot send: only Discord holds the private key. Then check
/// sends the URL a PING with a forged signature, as Discord's own probes do: it must get 401.
/// </summary>
internal sealed class InteractionEndpointCheck(IDiscordRestApi rest, IOptions<InteractionEndpointSettings> settings, TimeProvider time) : IDiscordCheckStep
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CheckReport report, CancellationToken cancellationToken)
    {
        if (settings.Value.Interactions.Mode != InteractionMode.Http)
            return;

        Application application;
        try
        {
            application = await rest.GetCurrentApplicationAsync(cancellationToken);
        }
        catch (Exception e) when (e is ApiExceptionBase or HttpRequestException)
        {
            report.Fail($"Interactions endpoint: the application could not be read ({e.Message})", "Run check again once Discord answers.");
            return;
        }

        if (string.Equals(application.VerifyKey, settings.Value.PublicKey, StringComparison.OrdinalIgnoreCase))
        {
            report.Ok("Discord:PublicKey is the application's public key");
        }
        else
        {
            report.Fail("Discord:PublicKey is not this application's public key: every request Discord signs would get 401",
                "Copy PUBLIC KEY from the Developer Portal → your application → General Information into Discord:PublicKey (Discord__PublicKey).");
        }

        if (application.InteractionsEndpointUrl is not { Length: > 0 } url)
        {
            // Expected while setting up: Discord saves the URL only once the bot runs and answers.
            report.Warn("The application has no Interactions Endpoint URL: Discord sends its interactions over the gateway, which the bot does not open in Http mode",
                "Start the bot, then set Interactions Endpoint URL (Developer Portal → General Information) to the public https address that forwards to "
                + "Discord:Interactions:Url; Discord saves it once the bot answered its signed PING.");
            return;
        }

        report.Ok($"Discord sends interactions to {url} (it saved the URL after the bot's PONG to its signed PING)");
        await ProbeAsync(report, url, cancellationToken);
    }

    /// <summary>A PING with a valid-looking but forged signature: an endpoint that answers it is removed by Discord.</summary>
    private async Task ProbeAsync(CheckReport report, string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = ProbeTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("""{"type":1,"id":"0","application_id":"0","token":"check","version":1}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", new string('0', 128));
        request.Headers.Add("X-Signature-Timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                report.Ok($"{url} refuses a request with a forged signature (401)");
            }
            else if (response.IsSuccessStatusCode)
            {
                report.Fail($"{url} answers a request with a forged signature ({(int)response.StatusCode}): Discord removes endpoints that do",
                    "Make sure that URL forwards to this bot's Discord:Interactions:Url, and that nothing in front of it answers on its behalf.");
            }
            else
            {
                report.Warn($"{url} answered a request with a forged signature with {(int)response.StatusCode} instead of 401",
                    "Make sure that URL forwards to this bot's Discord:Interactions:Url while the bot runs.");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            report.Warn($"{url} could not be reached from here ({e.Message})",
                "Run check where the public address resolves and routes, or check that the bot runs and the load balancer forwards to it.");
        }
    }
}
