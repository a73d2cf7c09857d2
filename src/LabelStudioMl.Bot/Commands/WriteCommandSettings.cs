using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudioMl.Bot.Commands;

/// <summary>
/// The <c>Commands</c> settings of the commands that change things: <c>Commands:HealthProbeTimeout</c> (how long
/// <c>/ml add</c> waits for the ML server's <c>/health</c>, default 5 s) and <c>Commands:ConfirmationTimeout</c> (how
/// long Confirm/Cancel buttons stay live, default 60 s). A missing or non-positive value means the default.
/// </summary>
internal sealed record WriteCommandSettings(TimeSpan HealthProbeTimeout, TimeSpan ConfirmationTimeout)
{
    public const string SectionName = "Commands";

    public static readonly TimeSpan DefaultHealthProbeTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultConfirmationTimeout = TimeSpan.FromSeconds(60);

    public static WriteCommandSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        return new(
            Positive(section["HealthProbeTimeout"], DefaultHealthProbeTimeout),
            Positive(section["ConfirmationTimeout"], DefaultConfirmationTimeout));
    }

    private static TimeSpan Positive(string? text, TimeSpan fallback) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : fallback;
}
