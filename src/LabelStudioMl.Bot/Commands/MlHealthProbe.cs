using System.Net.Http.Headers;
using System.Text;
using LabelStudioMl.Bot.Presentation;

namespace LabelStudioMl.Bot.Commands;

/// <summary>What the bot's own <c>GET {url}/health</c> found.</summary>
internal sealed record HealthProbeResult(bool Healthy, int? Status, string Detail)
{
    /// <summary>No HTTP answer at all (refused, unknown host, timeout): the bot's network may differ from Label Studio's.</summary>
    public bool Unreachable => !Healthy && Status is null;
}

/// <summary>
/// Asks an ML server's <c>/health</c> from the bot's machine before <c>/ml add</c> hands the URL to Label Studio,
/// whose own refusal is cryptic (§2.1). One try with a short timeout on the named client <see cref="ClientName"/>.
/// </summary>
internal sealed class MlHealthProbe(IHttpClientFactory clients, CommandSettings settings)
{
    public const string ClientName = "ml-health-probe";

    /// <summary>Characters of the answer's body shown to the user.</summary>
    public const int ExcerptLength = 300;

    private readonly TimeSpan _timeout = settings.HealthProbeTimeout;

    public async Task<HealthProbeResult> ProbeAsync(Uri url, string? user, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, HealthUrl(url));
        if (user is not null && password is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            return new HealthProbeResult(response.IsSuccessStatusCode, status, SafeText.Excerpt(SafeText.RedactUrls(body), ExcerptLength));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthProbeResult(false, null, $"no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new HealthProbeResult(false, null, SafeText.Excerpt(SafeText.RedactUrls(e.Message), ExcerptLength));
        }
    }

    // Label Studio asks {url without trailing slash}/health (§2.1).
    private static Uri HealthUrl(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" };
        builder.Path = builder.Path.TrimEnd('/') + "/health";
        return builder.Uri;
    }
}
