using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

public sealed partial class FakeLabelStudio
{
    private const string LegacyDisabled =
        "Authentication token no longer valid: legacy token authentication has been disabled for this organization";

    /// <summary>
    /// Label Studio (docs/label-studio-behaviour.md, "Label Studio: authentication"): JWTAuthenticationMiddleware honours a valid Bearer access token (silently ignoring a bad one),
    /// then DRF's TokenAuthenticationPhaseout handles <c>Token &lt;key&gt;</c>. Null means authenticated.
    /// </summary>
    private LsResult? Authenticate(LsRequest request)
    {
        // jwt_auth/middleware.py JWTAuthenticationMiddleware drops a bad Bearer; DRF rest_framework/authentication.py TokenAuthentication texts.
        var headers = request.Recorded.Headers;
        headers.TryGetValue("Authorization", out var authorization);
        if (string.IsNullOrEmpty(authorization) && headers.TryGetValue("X-Api-Key", out var apiKey) && apiKey.Length > 0)
            authorization = "Token " + apiKey;

        var parts = (authorization ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            return Unauthorized(LsErrors.NoCredentials);

        if (parts[0] == "Bearer")
        {
            var valid = Options.ApiTokensEnabled && parts.Length == 2 && _jwt.Validate(parts[1], "access", Now()) is not null;
            return valid ? null : Unauthorized(LsErrors.NoCredentials);
        }

        if (!parts[0].Equals("Token", StringComparison.OrdinalIgnoreCase))
            return Unauthorized(LsErrors.NoCredentials);
        if (parts.Length == 1)
            return Unauthorized("Invalid token header. No credentials provided.");
        if (parts.Length > 2)
            return Unauthorized("Invalid token header. Token string should not contain spaces.");
        if (parts[1] != LegacyToken)
            return Unauthorized("Invalid token.");
        // label_studio/jwt_auth/auth.py TokenAuthenticationPhaseout: a valid legacy key is refused when the org disabled legacy tokens.
        return Options.LegacyTokensEnabled ? null : Unauthorized(LegacyDisabled);
    }

    private LsResult Unauthorized(string detail) =>
        _errors.Envelope(401, detail) with { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Token" } };

    /// <summary><c>POST /api/token/refresh/</c>: simplejwt's TokenRefreshView, no authentication needed.</summary>
    private async Task<LsResult> RefreshTokenAsync(LsRequest request)
    {
        // simplejwt rest_framework_simplejwt/views.py TokenRefreshView + serializers.py TokenRefreshSerializer; authentication.py realm "api".
        var data = await request.ReadDataAsync(_errors);
        var node = data["refresh"];
        if (!data.ContainsKey("refresh"))
            return _errors.Validation("refresh", "This field is required.");
        if (node is null)
            return _errors.Validation("refresh", "This field may not be null.");
        var pat = node.ToString();
        if (pat.Length == 0)
            return _errors.Validation("refresh", "This field may not be blank.");

        var now = Now();
        if (IsRevoked(pat) || _jwt.Validate(pat, "refresh", now) is null)
        {
            return _errors.Envelope(401, "Token is invalid or expired") with
            {
                Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"api\"" },
            };
        }

        CountRefresh();
        var access = _jwt.Create("access", now, now + Options.AccessTokenLifetime, AdminUserId);
        return LsResult.Json(200, new JsonObject { ["access"] = access });
    }
}
