using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord.Doctor;
using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Discord;

/// <summary>
/// The Discord half of <c>check</c>: the Discord layer's doctor, printed into the report, then, once the token was
/// accepted, whether the mentions of watched channels ping.
/// </summary>
internal sealed class DiscordCheck(DiscordDoctor doctor, DiscordCommands commands, IOptions<DiscordOptions> options)
{
    /// <param name="report">Where the checks are told.</param>
    /// <param name="mentions">The mention check, which reads the store; null while the store's settings are invalid.</param>
    /// <param name="cancellationToken">Ends the checks.</param>
    public async Task RunAsync(CheckReport report, Func<WatchMentionCheck>? mentions, CancellationToken cancellationToken)
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
        if (mentions is null)
            report.Warn("Watch mentions: not checked", "Fix the Storage settings above: the watches are read from the store.");
        else
            await mentions().RunAsync(report, cancellationToken);
    }
}
