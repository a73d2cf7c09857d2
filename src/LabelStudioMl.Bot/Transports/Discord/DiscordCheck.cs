using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The Discord half of <c>check</c>: the Discord layer's doctor, printed into the report, then, once the token was
/// accepted, the steps that ask Discord about the bot's own setup (the interactions endpoint, watch mentions).
/// </summary>
internal sealed class DiscordCheck(DiscordDoctor doctor, DiscordCommands commands, IOptions<DiscordSettings> options)
{
    /// <param name="report">Where the checks are told.</param>
    /// <param name="steps">What runs once the token was accepted, in order.</param>
    /// <param name="cancellationToken">Ends the checks.</param>
    public async Task RunAsync(CheckReport report, IEnumerable<IDiscordCheckStep> steps, CancellationToken cancellationToken)
    {
        report.Section($"Discord at {options.Value.ApiBaseUrl}");
        var checks = await doctor.RunAsync(commands.Registration(), cancellationToken);
        foreach (var check in checks)
        {
            var line = $"{check.Name}: {check.Detail}";
            if (check.Ok)
                report.Ok(line);
            else if (check.Warning)
                report.Warn(line, check.Fix);
            else
                report.Fail(line, check.Fix);
        }

        // The doctor's first check is the token.
        if (!checks[0].Ok)
            return;
        foreach (var step in steps)
            await step.RunAsync(report, cancellationToken);
    }
}

/// <summary>A part of <c>check</c> that needs Discord to have accepted the token.</summary>
internal interface IDiscordCheckStep
{
    Task RunAsync(CheckReport report, CancellationToken cancellationToken);
}

/// <summary>A step left out because settings it reads are invalid (they are reported above it).</summary>
internal sealed class SkippedCheckStep(string what, string fix) : IDiscordCheckStep
{
    public Task RunAsync(CheckReport report, CancellationToken cancellationToken)
    {
        report.Warn($"{what}: not checked", fix);
        return Task.CompletedTask;
    }
}
