using LabelStudioMl.Bot.LabelStudio.Auth;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>
/// Checks the <c>LabelStudio</c> section at start: one line per problem naming the key, the problem and how to set it.
/// The key's value never appears in a message.
/// </summary>
public sealed class LabelStudioSettingsValidator(TimeProvider time) : IValidateOptions<LabelStudioSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LabelStudioSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateUrl(options.Url, failures);
        ValidateKey(options.ApiKey, failures);

        foreach (var (key, value) in new[]
                 {
                     ("ReadTimeout", options.ReadTimeout), ("WriteTimeout", options.WriteTimeout),
                     ("TrainTimeout", options.TrainTimeout), ("PredictTimeout", options.PredictTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
                failures.Add($"LabelStudio:{key} must be a positive time span such as 00:01:00 (environment variable LabelStudio__{key}).");
        }

        if (options.ReadRetries is < 0 or > 10)
            failures.Add("LabelStudio:ReadRetries must be between 0 and 10 (environment variable LabelStudio__ReadRetries).");
        if (options.MaxResponseMiB is < 1 or > 1024)
            failures.Add("LabelStudio:MaxResponseMiB must be between 1 and 1024 (environment variable LabelStudio__MaxResponseMiB).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateUrl(string url, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            failures.Add("LabelStudio:Url is missing. Set it to Label Studio's address, e.g. http://localhost:8080, "
                + "in appsettings.json or the environment variable LabelStudio__Url.");
            return;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            failures.Add($"LabelStudio:Url '{UrlText.Redact(url)}' is not an absolute http(s) URL. Set it to Label Studio's address, "
                + "e.g. http://localhost:8080 (environment variable LabelStudio__Url).");
            return;
        }

        if (uri.AbsolutePath.TrimEnd('/').EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("LabelStudio:Url ends with /api: give Label Studio's base address without /api, e.g. http://localhost:8080 "
                + "(environment variable LabelStudio__Url).");
        }
    }

    private void ValidateKey(string key, List<string> failures)
    {
        const string where = "Set LabelStudio:ApiKey in appsettings.json or the environment variable LabelStudio__ApiKey";
        if (string.IsNullOrWhiteSpace(key))
        {
            failures.Add("LabelStudio:ApiKey is missing. Create a personal access token in Label Studio (Account & Settings → "
                + $"Personal Access Token), or copy the legacy token from the same page. {where}.");
            return;
        }

        var trimmed = key.Trim();
        if (trimmed.StartsWith("Token ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"LabelStudio:ApiKey starts with an authorization scheme ('Token '/'Bearer '): give the key alone. {where}.");
            return;
        }

        if (trimmed.Any(char.IsWhiteSpace))
        {
            failures.Add($"LabelStudio:ApiKey contains white space: copy the key again without spaces or line breaks. {where}.");
            return;
        }

        if (LabelStudioApiKey.Parse(trimmed).Claims is not { } claims)
            return;

        if (claims.TokenType == "access")
        {
            failures.Add("LabelStudio:ApiKey is an access token, which expires within minutes: give the personal access token itself "
                + $"(Account & Settings → Personal Access Token). {where}.");
        }
        else if (claims.ExpiresAt is null)
        {
            failures.Add($"LabelStudio:ApiKey is a JWT without an expiry ('exp'), which Label Studio does not issue: create a new personal access token. {where}.");
        }
        else if (claims.ExpiresAt <= time.GetUtcNow())
        {
            failures.Add($"LabelStudio:ApiKey is a personal access token that expired on {claims.ExpiresAt:yyyy-MM-dd}: create a new one. {where}.");
        }
    }
}
