using System.Globalization;
using System.Net;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// Keeps the REST client inside Discord's limits (RL): per-bucket limits learned from <c>X-RateLimit-*</c>
/// headers, the global 50 requests/s (interaction endpoints exempt), 429s honoured with their float
/// <c>retry_after</c> and retried, and a warning long before the invalid-request ban.
/// </summary>
/// <param name="state">The learned buckets.</param>
/// <param name="options">Retry count.</param>
/// <param name="logger">Receives 429 notices.</param>
/// <param name="telemetry">Counts the waits 429s impose.</param>
public sealed class RateLimitHandler(DiscordRateLimitState state, IOptionsMonitor<DiscordOptions> options, ILogger<RateLimitHandler> logger, DiscordTelemetry telemetry)
    : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken);

        var route = DiscordRoute.From(request);
        var token = Fingerprint(request.Headers.Authorization?.Parameter);
        if (!route.IsGlobalExempt && token is not null && token == state.RejectedTokenFingerprint)
        {
            // RL: once the token yields 401, stop using it; every further 401 counts toward the IP ban.
            return new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                RequestMessage = request,
                ReasonPhrase = "Not sent: Discord already rejected this token",
                Content = new StringContent(RejectedBody, System.Text.Encoding.UTF8, "application/json"),
            };
        }

        var maxRetries = options.CurrentValue.MaxRateLimitRetries;
        for (var attempt = 0; ; attempt++)
        {
            await state.Global.WaitAsync(route.IsGlobalExempt, cancellationToken);
            HttpResponseMessage response;
            var bucket = state.BucketFor(route);
            RateLimitBucket learned;
            using (await bucket.AcquireAsync(cancellationToken))
            {
                response = await base.SendAsync(request, cancellationToken);
                learned = state.Learn(route, bucket, Header(response, "X-RateLimit-Bucket"));
                var remaining = IntHeader(response, "X-RateLimit-Remaining");
                var resetAfter = SecondsHeader(response, "X-RateLimit-Reset-After");
                bucket.Update(remaining, resetAfter);
                if (learned != bucket)
                    learned.Update(remaining, resetAfter);
            }

            var scope = Header(response, "X-RateLimit-Scope");
            state.InvalidRequests.Record((int)response.StatusCode, scope);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !route.IsGlobalExempt)
            {
                state.RejectedTokenFingerprint = token;
                logger.LogError("Discord rejected the bot token (401 on {Route}). Reset the token in the developer portal and set Discord__Token.", route.Template);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                return response;

            var (retryAfter, global) = await ReadRetryAfterAsync(response, cancellationToken);
            global |= string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                || string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase);
            if (global)
                state.Global.Block(retryAfter);
            else
            {
                bucket.Block(retryAfter);
                learned.Block(retryAfter);
            }

            var scopeName = global ? "global" : scope ?? "route";
            logger.LogWarning("Discord rate limit hit on {Route} (scope {Scope}); retrying after {RetryAfter} s.", route.Template, scopeName, retryAfter.TotalSeconds);
            if (attempt >= maxRetries)
                return response;
            telemetry.RateLimitWait(route.Template, scopeName, retryAfter);
            response.Dispose();
        }
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        double? seconds = null;
        var global = false;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length > 0)
            {
                var error = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.DiscordError);
                seconds = error?.RetryAfter;
                global = error?.Global == true;
            }
        }
        catch (JsonException)
        {
            // A 429 from a proxy may not be JSON; the headers still tell.
        }

        seconds ??= SecondsHeader(response, "Retry-After")?.TotalSeconds ?? SecondsHeader(response, "X-RateLimit-Reset-After")?.TotalSeconds ?? 1;
        return (TimeSpan.FromSeconds(Math.Max(0, seconds.Value)), global);
    }

    private const string RejectedBody = "{\"message\":\"401: Unauthorized (not sent: the token was already rejected)\",\"code\":0}";

    private static string? Fingerprint(string? token) =>
        string.IsNullOrEmpty(token) ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? SecondsHeader(HttpResponseMessage response, string name) =>
        double.TryParse(Header(response, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? TimeSpan.FromSeconds(value) : null;
}
