using System.Globalization;
using System.Net;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Gateway;
using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Discord.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// Keeps the REST client inside Discord's limits (RL): per-bucket limits learned from <c>X-RateLimit-*</c>
/// headers, the global 50 requests/s (interaction endpoints exempt), 429s honoured with their float
/// <c>retry_after</c> and retried, and a warning long before the invalid-request ban. A 5xx is retried with backoff
/// when the call is safe to repeat (<see cref="RepeatSafety"/>). Every wait stays inside the call's
/// <see cref="CallBudget"/>: a wait beyond it fails the call at once with a reason that names the wait.
/// </summary>
/// <param name="state">The learned buckets.</param>
/// <param name="options">Retry counts, backoff and the call budget.</param>
/// <param name="logger">Receives 429 and 5xx notices.</param>
/// <param name="telemetry">Counts the waits 429s impose.</param>
public sealed partial class RateLimitHandler(DiscordRateLimitState state, IOptionsMonitor<DiscordSettings> options, ILogger<RateLimitHandler> logger, DiscordTelemetry telemetry)
    : DelegatingHandler
{
    private static readonly TimeSpan RetryMargin = TimeSpan.FromMilliseconds(50);

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
            return NotSent(request, HttpStatusCode.Unauthorized, "Not sent: Discord already rejected this token", RejectedBody);
        }

        var settings = options.CurrentValue;
        var started = state.Time.GetTimestamp();
        var budget = CallBudget.For(route, settings);
        var backoff = new ReconnectBackoff(settings.ServerErrorRetryDelay, TimeSpan.MaxValue);
        var serverErrors = 0;
        var rateLimited = 0;
        var retryAt = TimeSpan.Zero;
        while (true)
        {
            // This call's own 429 holds its retry back even where the bucket and the global pause do not: a global 429
            // on an interaction route (exempt from the global pause), or a bucket Discord has not named.
            var own = retryAt - state.Time.GetElapsedTime(started);
            var bucket = state.BucketFor(route);
            var queued = Max(Max(state.Global.BlockedFor(route.IsGlobalExempt), bucket.BlockedFor()), own);
            if (state.Time.GetElapsedTime(started) + queued > budget)
                return NotSent(request, HttpStatusCode.TooManyRequests, CallBudget.TooLong(queued, route, budget), RateLimitedBody(queued));
            if (own > TimeSpan.Zero)
                await Task.Delay(own, state.Time, cancellationToken);

            var response = await SendOnceAsync(request, route, bucket, token, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                var delay = backoff.Next();
                if (serverErrors++ >= settings.MaxServerErrorRetries || state.Time.GetElapsedTime(started) + delay > budget
                    || !await RepeatSafety.MayRepeatAsync(request, route, cancellationToken))
                    return response;
                LogServerErrorRetry((int)response.StatusCode, route.Template, delay.TotalSeconds, serverErrors, settings.MaxServerErrorRetries);
                response.Dispose();
                await Task.Delay(delay, state.Time, cancellationToken);
                continue;
            }

            if (serverErrors > 0 && RepeatSafety.IsInteractionCallback(route) && await IsAlreadyAcknowledgedAsync(response, cancellationToken))
            {
                // The attempt that got the 5xx had landed: the interaction carries that answer.
                LogCallbackWentThrough(route.Template);
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                return response;

            var (retryAfter, scope) = await BlockAsync(response, route, bucket, cancellationToken);
            if (state.Time.GetElapsedTime(started) + retryAfter > budget)
            {
                response.ReasonPhrase = CallBudget.TooLong(retryAfter, route, budget);
                LogRateLimited(route.Template, scope, response.ReasonPhrase);
                return response;
            }

            LogRateLimitRetry(route.Template, scope, retryAfter.TotalSeconds);
            if (rateLimited++ >= settings.MaxRateLimitRetries)
                return response;
            telemetry.RateLimitWait(route.Template, scope, retryAfter);
            // A little past retry_after: timers fire up to a tick early, and Discord counts from when it answered.
            retryAt = state.Time.GetElapsedTime(started) + retryAfter + RetryMargin;
            response.Dispose();
        }
    }

    /// <summary>One attempt through the global limit and the bucket; learns the bucket's state from the answer.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, DiscordRoute route, RateLimitBucket bucket, string? token, CancellationToken cancellationToken)
    {
        await state.Global.WaitAsync(route.IsGlobalExempt, cancellationToken);
        HttpResponseMessage response;
        using (await bucket.AcquireAsync(cancellationToken))
        {
            response = await base.SendAsync(request, cancellationToken);
            var learned = state.Learn(route, bucket, Header(response, "X-RateLimit-Bucket"));
            var remaining = IntHeader(response, "X-RateLimit-Remaining");
            var resetAfter = SecondsHeader(response, "X-RateLimit-Reset-After");
            bucket.Update(remaining, resetAfter);
            if (learned != bucket)
                learned.Update(remaining, resetAfter);
        }

        state.InvalidRequests.Record((int)response.StatusCode, Header(response, "X-RateLimit-Scope"));
        if (response.StatusCode == HttpStatusCode.Unauthorized && !route.IsGlobalExempt)
        {
            state.RejectedTokenFingerprint = token;
            LogTokenRejected(route.Template);
        }

        return response;
    }

    /// <summary>Blocks the bucket (or everything, for a global 429) for the 429's wait; returns the wait and its scope.</summary>
    private async Task<(TimeSpan RetryAfter, string Scope)> BlockAsync(HttpResponseMessage response, DiscordRoute route, RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        var scope = Header(response, "X-RateLimit-Scope");
        var (retryAfter, global) = await ReadRetryAfterAsync(response, cancellationToken);
        global |= string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase);
        if (global)
        {
            state.Global.Block(retryAfter);
        }
        else
        {
            bucket.Block(retryAfter);
            state.Learn(route, bucket, Header(response, "X-RateLimit-Bucket")).Block(retryAfter);
        }

        return (retryAfter, global ? "global" : scope ?? "route");
    }

    private static async Task<bool> IsAlreadyAcknowledgedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return false;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return body.Length > 0 && JsonSerializer.Deserialize(body, DiscordJsonContext.Default.DiscordError)?.Code == RepeatSafety.AlreadyAcknowledged;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static HttpResponseMessage NotSent(HttpRequestMessage request, HttpStatusCode status, string reason, string body) => new(status)
    {
        RequestMessage = request,
        ReasonPhrase = reason,
        Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
    };

    private static string RateLimitedBody(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"message\":\"You are being rate limited.\",\"retry_after\":{wait.TotalSeconds:0.###},\"global\":false,\"code\":0}}");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    private static string? Fingerprint(string? token) => string.IsNullOrEmpty(token) ? null : TokenFingerprint.Of(token);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? SecondsHeader(HttpResponseMessage response, string name) =>
        double.TryParse(Header(response, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? TimeSpan.FromSeconds(value) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Status} on {Route}; trying again in {Delay:0.0} s ({Retry} of {MaxRetries}).")]
    private partial void LogServerErrorRetry(int status, string route, double delay, int retry, int maxRetries);

    [LoggerMessage(Level = LogLevel.Information, Message = "The callback on {Route} had gone through before Discord's server error; the interaction is answered.")]
    private partial void LogCallbackWentThrough(string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit hit on {Route} (scope {Scope}): {Reason}.")]
    private partial void LogRateLimited(string route, string scope, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit hit on {Route} (scope {Scope}); retrying after {RetryAfter} s.")]
    private partial void LogRateLimitRetry(string route, string scope, double retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord rejected the bot token (401 on {Route}). Reset the token in the developer portal and set Discord__Token.")]
    private partial void LogTokenRejected(string route);
}
