using System.Net;
using System.Net.Http.Headers;
using LabelStudioMl.Bot.LabelStudio.Errors;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.LabelStudio.Auth;

/// <summary>
/// Puts Label Studio credentials on every request (docs/label-studio-behaviour.md, "Label Studio: authentication"): a legacy key as <c>Token</c>; a personal access token as a
/// <c>Bearer</c> access token from <see cref="AccessTokenProvider"/>, refreshed once and retried once after a 401 (the body was buffered by <see cref="BufferedBodyHandler"/>).
/// A final 401 becomes a <see cref="LabelStudioException"/> that says which credential failed and how to fix it.
/// </summary>
public sealed class LabelStudioAuthHandler(IOptionsMonitor<LabelStudioSettings> options, AccessTokenProvider tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = LabelStudioApiKey.Parse(options.CurrentValue.ApiKey.Trim());
        if (key.Kind == LabelStudioKeyKind.Legacy)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", key.Value);
            var legacyResponse = await base.SendAsync(request, cancellationToken);
            return await IsCredentialFailureAsync(legacyResponse, cancellationToken)
                ? throw await RefusedAsync(request, legacyResponse, LabelStudioAuthHints.CheckKey)
                : legacyResponse;
        }

        var access = await tokens.GetAsync(key, rejected: null, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var response = await base.SendAsync(request, cancellationToken);
        if (!await IsCredentialFailureAsync(response, cancellationToken))
            return response;

        // An access token lives about five minutes and may expire in flight: refresh once and try again.
        response.Dispose();
        access = await tokens.GetAsync(key, rejected: access, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        response = await base.SendAsync(request, cancellationToken);
        return await IsCredentialFailureAsync(response, cancellationToken)
            ? throw await RefusedAsync(request, response, LabelStudioAuthHints.PatDisabled)
            : response;
    }

    /// <summary>
    /// A 401 about our credentials. <c>/versions</c> passes the ML server's own 401 through as <c>{"error": …}</c>
    /// (docs/label-studio-behaviour.md, "Label Studio: ML backends"): that one is about the ML server's basic auth and goes back to the caller untouched.
    /// </summary>
    private static async Task<bool> IsCredentialFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return false;

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return LabelStudioErrorParser.FromResponse("", 401, response.Content.Headers.ContentType?.MediaType, body).Kind != LabelStudioErrorKind.MlBackendError;
    }

    private static async Task<LabelStudioException> RefusedAsync(HttpRequestMessage request, HttpResponseMessage response, string hint)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            var operation = $"{request.Method} {request.RequestUri?.AbsolutePath}";
            var parsed = LabelStudioErrorParser.FromResponse(operation, 401, response.Content.Headers.ContentType?.MediaType, body);
            return new LabelStudioException(
                parsed.Kind,
                parsed.Message,
                operation,
                401,
                parsed.Kind == LabelStudioErrorKind.LegacyTokensDisabled ? LabelStudioAuthHints.LegacyDisabled : hint);
        }
    }
}
