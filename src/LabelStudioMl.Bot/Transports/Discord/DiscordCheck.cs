using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The Discord half of <c>check</c>: the Discord layer's doctor, printed into the report, then, once the token was
/// accepted, whether the mentions of watched channels ping.
/// </summary>
internal sealed class DiscordCheck(DiscordDoctor doctor, WatchMentionCheck mentions, DiscordCommands commands, IOptions<DiscordOptions> options)
{
    public async Task RunAsync(CheckReport report, CancellationToken cancellationToken)
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
        if (checks[0].Ok)
            await mentions.RunAsync(report, cancellationToken);
    }
}
