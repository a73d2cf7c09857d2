using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>Label Studio's <c>MLApi</c>: real HTTP calls to an ML server, loopback only, errors as requests texts.</summary>
internal sealed class MlCaller : IDisposable
{
    private readonly HostTable _hosts;
    private readonly HttpClient _http;

    public MlCaller(HostTable hosts)
    {
        _hosts = hosts;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(1),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary><c>urljoin(url + '/', suffix)</c>.</summary>
    public static Uri Join(string baseUrl, string suffix) =>
        new(baseUrl.EndsWith('/') ? baseUrl + suffix : baseUrl + "/" + suffix);

    public async Task<MlCallResult> CallAsync(
        HttpMethod method, string baseUrl, string suffix, JsonNode? body, TimeSpan timeout,
        (string User, string Password)? basicAuth, CancellationToken cancellationToken)
    {
        // label_studio/ml/api_connector.py MLApi._request: urljoin, raise_for_status, str(e) of the requests exception, response.json().
        var url = Join(baseUrl, suffix);
        if (!_hosts.IsReachable(url.Host))
            return new MlCallResult(null, null, MlErrorTexts.NameNotResolved(url));

        var target = new UriBuilder(url) { Host = "127.0.0.1" }.Uri;
        using var request = new HttpRequestMessage(method, target);
        request.Headers.Host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        request.Headers.UserAgent.ParseAdd("python-requests/2.32.4");
        if (basicAuth is { } auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.User}:{auth.Password}")));
        }

        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutCts.Token);
            var status = (int)response.StatusCode;
            if (status >= 400)
            {
                var reason = string.IsNullOrEmpty(response.ReasonPhrase)
                    ? ReasonPhrases.GetReasonPhrase(status).ToUpperInvariant()
                    : response.ReasonPhrase;
                return new MlCallResult(status, null, MlErrorTexts.HttpError(url, status, reason));
            }

            var text = await response.Content.ReadAsStringAsync(timeoutCts.Token);
            try
            {
                return new MlCallResult(status, JsonNode.Parse(text), null);
            }
            catch (JsonException)
            {
                return new MlCallResult(status, null, MlErrorTexts.NotJson);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new MlCallResult(null, null, MlErrorTexts.ReadTimeout(url, timeout));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            return new MlCallResult(null, null, MlErrorTexts.ReadTimeout(url, timeout));
        }
        catch (HttpRequestException)
        {
            return new MlCallResult(null, null, MlErrorTexts.ConnectionRefused(url));
        }
    }

    public void Dispose() => _http.Dispose();
}
