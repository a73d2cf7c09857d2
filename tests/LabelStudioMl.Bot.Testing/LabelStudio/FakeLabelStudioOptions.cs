namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>Settings of a <see cref="FakeLabelStudio"/>: clock, token policy, ML timeouts and version.</summary>
public sealed class FakeLabelStudioOptions
{
    /// <summary>Clock for JWT <c>iat</c>/<c>exp</c> and <c>created_at</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Lifetime of access tokens issued by <c>POST /api/token/refresh/</c> (simplejwt default: 5 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Organization setting <c>legacy_api_tokens_enabled</c>.</summary>
    public bool LegacyTokensEnabled { get; set; } = true;

    /// <summary>Organization setting <c>api_tokens_enabled</c>: Bearer access tokens are honoured.</summary>
    public bool ApiTokensEnabled { get; set; } = true;

    /// <summary><c>ML_TIMEOUT_HEALTH</c>.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>ML_TIMEOUT_SETUP</c>, also used for <c>/versions</c>.</summary>
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary><c>ML_TIMEOUT_PREDICT</c>, used for the train webhook and predictions.</summary>
    public TimeSpan PredictTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Extra delay before answering any <c>/api</c> request ("slow Label Studio").</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A proxy in front of Label Studio forwards requests without their bodies (as some misconfigured ones do): Django
    /// then sees no data at all, as it does for a chunked body.
    /// </summary>
    public bool ProxyDropsBodies { get; set; }

    /// <summary>The Label Studio version reported in error envelopes.</summary>
    public string Version { get; set; } = "1.22.0";

    /// <summary>Loopback port to listen on; 0 (the default, and what tests use) picks a free one.</summary>
    public int Port { get; init; }
}
