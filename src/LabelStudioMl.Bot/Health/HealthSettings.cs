using System.Net;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Health;

/// <summary>The <c>Health</c> configuration section: the HTTP port of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
public sealed class HealthSettings
{
    public const string SectionName = "Health";

    /// <summary>Whether the running bot serves the endpoints at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on: loopback by default; <c>0.0.0.0</c> in a container so probes can reach it.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port (0 picks a free one, which is logged).</summary>
    public int Port { get; set; } = 9464;

    /// <summary>How recently Label Studio must have answered for <c>/readyz</c> to say ready; longer than <c>Catalog:RefreshInterval</c>.</summary>
    public TimeSpan ReadinessWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Refuses an address, port or window the server could not use, at start (exit code 2).</summary>
internal sealed class HealthSettingsValidator : IValidateOptions<HealthSettings>
{
    public ValidateOptionsResult Validate(string? name, HealthSettings options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (!IsListenable(options.Address))
            failures.Add($"Health:Address '{options.Address}' is not an IP address. Use 127.0.0.1 (default), 0.0.0.0 for every interface, or localhost (environment variable Health__Address).");
        if (options.Port is < 0 or > 65535)
            failures.Add("Health:Port must be between 0 and 65535, e.g. 9464 (environment variable Health__Port); set Health:Enabled=false to serve no endpoints.");
        if (options.ReadinessWindow < TimeSpan.FromSeconds(10) || options.ReadinessWindow > TimeSpan.FromDays(1))
            failures.Add("Health:ReadinessWindow must be between 00:00:10 and 1.00:00:00, e.g. 00:15:00 (environment variable Health__ReadinessWindow).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsListenable(string address) =>
        string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(address, out _);
}
