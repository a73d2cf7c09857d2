using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Interactions;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Check;

/// <summary>The Discord half of <c>check</c>: the Discord layer's doctor, printed into the report.</summary>
internal sealed class DiscordCheck(DiscordDoctor doctor, CommandTree commands, IOptions<DiscordOptions> options)
{
    public async Task RunAsync(CheckReport report, CancellationToken cancellationToken)
    {
        report.Section($"Discord at {options.Value.ApiBaseUrl}");
        foreach (var check in await doctor.RunAsync(commands.ToDiscord(), cancellationToken))
        {
            var line = $"{check.Name}: {check.Detail}";
            if (check.Ok)
                report.Ok(line);
            else if (check.Warning)
                report.Warn(line, check.Fix);
            else
                report.Fail(line, check.Fix);
        }
    }
}
