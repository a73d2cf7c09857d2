using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Diagnostics;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// The <c>check</c> verb: configuration, then Label Studio, then Discord, each with a fix hint for every failure. A section's
/// clients are only resolved once its settings validated (resolving them reads the settings).
/// Exit code 0 when all is well, 1 when a check failed, 2 when the configuration is incomplete.
/// </summary>
internal sealed class CheckCommand(IServiceProvider services)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var report = new CheckReport(output);
        output.WriteLine("LabelStudioMl.Bot check");

        report.Section("Configuration");
        var invalid = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in SettingsSections.All)
        {
            var problems = section.Problems(services);
            if (problems.Count == 0)
                report.Ok($"{section.Name} settings are complete");
            else
                invalid.Add(section.Name);
            foreach (var problem in problems)
                report.Fail(problem, fix: null);
        }

        var configurationValid = invalid.Count == 0;
        var labelStudioValid = !invalid.Contains(LabelStudioSettings.SectionName);
        var discordValid = !invalid.Contains(DiscordSettings.SectionName);
        var accessValid = !invalid.Contains(AccessSettings.SectionName);
        if (accessValid && services.GetRequiredService<IOptions<AccessSettings>>().Value.IsEmpty)
        {
            report.Warn("Access grants nothing: every Discord user is refused (the console still works).",
                "Grant roles per server under Access:Guilds:<server id> in appsettings.json; docs/access.md shows the format.");
        }

        if (labelStudioValid)
            await services.GetRequiredService<LabelStudioDoctor>().RunAsync(report, cancellationToken);
        else
            report.Section("Label Studio: skipped until its configuration is fixed");

        if (discordValid)
        {
            // Each step is resolved only once the settings it reads validated: the endpoint's, and the store the
            // watch mentions are read from.
            IDiscordCheckStep[] steps =
            [
                invalid.Contains(InteractionEndpointSettings.CheckName)
                    ? new SkippedCheckStep("Interactions endpoint", $"Fix the {InteractionEndpointSettings.CheckName} settings above.")
                    : services.GetRequiredService<InteractionEndpointCheck>(),
                invalid.Contains(StorageSettings.SectionName)
                    ? new SkippedCheckStep("Watch mentions", "Fix the Storage settings above: the watches are read from the store.")
                    : services.GetRequiredService<WatchMentionCheck>(),
            ];
            await services.GetRequiredService<DiscordCheck>().RunAsync(report, steps, cancellationToken);
        }
        else
            report.Section("Discord: skipped until its configuration is fixed");

        output.WriteLine();
        output.WriteLine(report.Failures == 0
            ? $"All checks passed{(report.Warnings > 0 ? $" ({report.Warnings} warning{(report.Warnings == 1 ? "" : "s")})" : "")}."
            : $"{report.Failures} check{(report.Failures == 1 ? "" : "s")} failed.");

        return !configurationValid ? BotProgram.ExitConfiguration
            : report.Failures > 0 ? BotProgram.ExitFailed
            : BotProgram.ExitOk;
    }
}
