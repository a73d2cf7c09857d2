using LabelStudioMl.Bot.LabelStudio.Errors;
using LabelStudioMl.Bot.LabelStudio.Models;
using Microsoft.Extensions.Logging;

namespace LabelStudioMl.Bot.LabelStudio.Auth;

/// <summary>
/// Keeps one access token for a personal access token: refreshed shortly before its <c>exp</c> (5 minutes by default,
/// docs/label-studio-behaviour.md, "Label Studio: authentication"), and refreshed once however many calls need it at the same moment (single flight).
/// </summary>
public sealed partial class AccessTokenProvider : IDisposable
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    private readonly Func<TokenRefreshRequest, CancellationToken, Task<TokenRefreshResponse>> _refresh;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;
    private string? _previous;

    /// <summary>Creates the provider around the refresh call (sent without credentials).</summary>
    public AccessTokenProvider(
        Func<TokenRefreshRequest, CancellationToken, Task<TokenRefreshResponse>> refresh,
        TimeProvider time,
        ILogger<AccessTokenProvider> logger)
    {
        _refresh = refresh;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// An access token valid for a while yet. <paramref name="rejected"/> names a token the server just refused:
    /// it is replaced even if it looks fresh.
    /// </summary>
    public async ValueTask<string> GetAsync(LabelStudioApiKey key, string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(_current, rejected) is { } fresh)
            return fresh;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_current, rejected) is { } refreshedMeanwhile)
                return refreshedMeanwhile;

            var refreshed = await RefreshAsync(key, cancellationToken);
            _previous = _current?.Token;
            _current = refreshed;
            return refreshed.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The access tokens a request may still carry (the current one and the one it replaced), to mask in texts.</summary>
    public IReadOnlyCollection<string> Issued => new[] { _current?.Token, _previous }.OfType<string>().ToArray();

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string? Usable(AccessToken? token, string? rejected) =>
        token is not null && token.Token != rejected && _time.GetUtcNow() < token.RefreshAt ? token.Token : null;

    private async Task<AccessToken> RefreshAsync(LabelStudioApiKey key, CancellationToken cancellationToken)
    {
        var response = await _refresh(new TokenRefreshRequest { Refresh = key.Value }, cancellationToken);
        if (string.IsNullOrWhiteSpace(response.Access))
        {
            throw new LabelStudioException(
                LabelStudioErrorKind.NotLabelStudio,
                "POST /api/token/refresh/ answered without an access token.",
                "POST /api/token/refresh/",
                200,
                "LabelStudio:Url must be the address of Label Studio itself (for example http://localhost:8080).");
        }

        var now = _time.GetUtcNow();
        var claims = JwtClaims.TryRead(response.Access);
        var expiresAt = claims?.ExpiresAt ?? now + AssumedLifetime;
        var lifetime = expiresAt - (claims?.IssuedAt ?? now);
        var margin = TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, Math.Max(0, lifetime.Ticks / 10)));
        LogRefreshed(expiresAt);
        return new AccessToken(response.Access, expiresAt - margin);
    }

    private sealed record AccessToken(string Token, DateTimeOffset RefreshAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Label Studio access token refreshed; it expires at {ExpiresAt:O}")]
    private partial void LogRefreshed(DateTimeOffset expiresAt);
}
