using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>The <c>Commands</c> configuration section: time limits of the commands themselves.</summary>
public sealed class CommandSettings
{
    public const string SectionName = "Commands";

    /// <summary>How long <c>/ml add</c> waits for the ML server's <c>/health</c> before asking Label Studio.</summary>
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether <c>/ml add</c> and <c>/ml update url:</c> may probe loopback and private-network addresses (127/8, 10/8,
    /// 172.16/12, 192.168/16, 100.64/10, ::1, fc00::/7), where ML servers often live. Link-local and cloud metadata
    /// addresses are never probed, whatever this says: such a URL is refused before anything is sent.
    /// </summary>
    public bool ProbePrivateAddresses { get; set; } = true;

    /// <summary>How long <c>/ml remove</c>'s Confirm/Cancel buttons stay usable.</summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Commands and button presses acknowledged and still running (waiting for Label Studio). One more is refused at
    /// once, privately, with "busy, try again"; help, autocomplete and refusals are never held up by them.
    /// </summary>
    public int MaxInFlight { get; set; } = 256;
}

/// <summary>Refuses non-positive or absurd time limits at start (exit code 2) instead of silently using defaults.</summary>
internal sealed class CommandSettingsValidator : IValidateOptions<CommandSettings>
{
    public ValidateOptionsResult Validate(string? name, CommandSettings options)
    {
        var failures = new List<string>();
        Check(failures, "HealthProbeTimeout", options.HealthProbeTimeout, TimeSpan.FromMinutes(2));
        Check(failures, "ConfirmationTimeout", options.ConfirmationTimeout, TimeSpan.FromMinutes(14));
        if (options.MaxInFlight is < 1 or > 10_000)
            failures.Add("Commands:MaxInFlight must be between 1 and 10000 (environment variable Commands__MaxInFlight).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
            failures.Add($"Commands:{key} must be a time span above zero and at most {max:hh\\:mm\\:ss} (environment variable Commands__{key}).");
    }
}
