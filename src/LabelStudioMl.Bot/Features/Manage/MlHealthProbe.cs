using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net;
using System.Text;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Presentation;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>What the bot's own <c>GET {url}/health</c> found.</summary>
/// <param name="Healthy">A 2xx answer.</param>
/// <param name="Status">The HTTP status, or null without an answer.</param>
/// <param name="Detail">A short, sanitised excerpt of the body, or why there was no answer.</param>
/// <param name="AddressRefused">The bot would not connect: the host is, or resolves to, an address it may not fetch.</param>
internal sealed record HealthProbeResult(bool Healthy, int? Status, string Detail, bool AddressRefused = false)
{
    /// <summary>No HTTP answer at all (refused, unknown host, timeout): the bot's network may differ from Label Studio's.</summary>
    public bool Unreachable => !Healthy && Status is null && !AddressRefused;
}

/// <summary>
/// Asks an ML server's <c>/health</c> from the bot's machine before <c>/ml add</c> hands the URL to Label Studio,
/// whose own refusal is cryptic (docs/label-studio-behaviour.md, "Label Studio: ML backends"). One try with a short timeout on the named client <see cref="ClientName"/>, whose
/// handler (<see cref="Handler"/>) connects only to addresses <see cref="ProbeAddresses"/> allows, checked on the resolved
/// IP, follows no redirect and uses no proxy. At most <see cref="BodyLimit"/> bytes of the answer are read.
/// </summary>
internal sealed class MlHealthProbe(IHttpClientFactory clients, IOptions<CommandSettings> settings)
{
    public const string ClientName = "ml-health-probe";

    /// <summary>Characters of the answer's body shown to the user.</summary>
    public const int ExcerptLength = 120;

    /// <summary>Bytes of the answer's body read at most; the rest is never fetched.</summary>
    public const int BodyLimit = 4096;

    private readonly TimeSpan _timeout = settings.Value.HealthProbeTimeout;

    /// <summary>The named client's handler: resolves the host itself and refuses it when any of its addresses may not be probed.</summary>
    /// <param name="allowPrivate"><see cref="CommandSettings.ProbePrivateAddresses"/>.</param>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host.Trim('[', ']');
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            // Every address must pass: Label Studio resolves the name again and may pick any of them.
            foreach (var address in addresses)
            {
                if (ProbeAddresses.Refusal(address, allowPrivate) is { } reason)
                    throw new ProbeAddressRefusedException(host, address, reason);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

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
            var body = await ReadStartAsync(response.Content, timeout.Token);
            var status = (int)response.StatusCode;
            return new HealthProbeResult(response.IsSuccessStatusCode, status, SafeText.Excerpt(SafeText.RedactUrls(body), ExcerptLength));
        }
        catch (HttpRequestException e) when (e.InnerException is ProbeAddressRefusedException refused)
        {
            return new HealthProbeResult(false, null, refused.Message, AddressRefused: true);
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

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[BodyLimit];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            read += got;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    // Label Studio asks {url without trailing slash}/health (docs/label-studio-behaviour.md, "Label Studio: ML backends").
    private static Uri HealthUrl(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" };
        builder.Path = builder.Path.TrimEnd('/') + "/health";
        return builder.Uri;
    }
}
