using LabelStudioMl.Bot.Discord.Endpoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>How Discord delivers interactions to the bot.</summary>
public enum InteractionMode
{
    /// <summary>Over the gateway WebSocket (INTERACTION_CREATE): one process, no public endpoint.</summary>
    Gateway,

    /// <summary>
    /// As signed HTTP requests to the application's Interactions Endpoint URL, behind any load balancer; the gateway
    /// then gets none (discord-api-docs, docs/interactions/overview.mdx, "Preparing for Interactions").
    /// </summary>
    Http,
}

/// <summary>The <c>Discord</c> section's keys of the HTTP interactions transport.</summary>
public sealed class InteractionEndpointSettings
{
    public const string SectionName = "Discord";

    /// <summary>How <c>check</c> names these settings apart from the rest of the Discord section.</summary>
    public const string CheckName = "Discord:Interactions";

    /// <summary>The application's public key (Developer Portal → General Information → Public Key), 64 hex characters.</summary>
    public string? PublicKey { get; set; }

    /// <summary><c>Discord:Interactions</c>.</summary>
    public InteractionDelivery Interactions { get; set; } = new();

    /// <summary>The mode as configured, for choosing what to register; a value that does not parse is reported by the settings check.</summary>
    public static InteractionMode ModeOf(IConfiguration configuration) =>
        Enum.TryParse<InteractionMode>(configuration[$"{SectionName}:Interactions:Mode"], ignoreCase: true, out var mode) ? mode : InteractionMode.Gateway;
}

/// <summary><c>Discord:Interactions</c>: how interactions arrive.</summary>
public sealed class InteractionDelivery
{
    /// <summary><c>Gateway</c> (the default) or <c>Http</c>.</summary>
    public InteractionMode Mode { get; set; } = InteractionMode.Gateway;

    /// <summary>
    /// Where the HTTP transport listens, e.g. <c>http://0.0.0.0:8080/interactions</c>: plain HTTP on the address and
    /// port given, with TLS ended in front (load balancer, ingress, nginx), which forwards the public
    /// <c>https://…/interactions</c> set as the Interactions Endpoint URL.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>How far <c>X-Signature-Timestamp</c> may be from the bot's clock; older requests are replays and get 401.</summary>
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Refuses an HTTP mode the bot could not serve (exit code 2): a missing or wrong key, an address it cannot listen on.</summary>
internal sealed class InteractionEndpointSettingsValidator : IValidateOptions<InteractionEndpointSettings>
{
    public ValidateOptionsResult Validate(string? name, InteractionEndpointSettings options)
    {
        var failures = new List<string>();
        var http = options.Interactions.Mode == InteractionMode.Http;
        if ((http || !string.IsNullOrWhiteSpace(options.PublicKey)) && InteractionSignature.TryCreate(options.PublicKey, out var problem) is null)
        {
            failures.Add($"Discord:PublicKey cannot be used: {problem}. "
                + "Set it in appsettings.json or the environment variable Discord__PublicKey (it is not a secret).");
        }

        if (http && ListenAddress.TryParse(options.Interactions.Url, out _) is { } urlProblem)
            failures.Add($"Discord:Interactions:Url {urlProblem} (environment variable Discord__Interactions__Url).");

        if (options.Interactions.MaxSignatureAge <= TimeSpan.Zero || options.Interactions.MaxSignatureAge > TimeSpan.FromHours(1))
            failures.Add("Discord:Interactions:MaxSignatureAge must be above zero and at most 01:00:00 (default 00:05:00; environment variable Discord__Interactions__MaxSignatureAge).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
