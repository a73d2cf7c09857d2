using System.Diagnostics.CodeAnalysis;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Check;

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
        var labelStudioValid = CheckSection<LabelStudioOptions>(report, "LabelStudio");
        var discordValid = CheckSection<DiscordOptions>(report, "Discord");
        var storageValid = CheckSection<StorageOptions>(report, "Storage");
        var accessValid = CheckSection<AccessOptions>(report, "Access");
        var configurationValid = labelStudioValid && discordValid && storageValid && accessValid;
        if (accessValid && services.GetRequiredService<IOptions<AccessOptions>>().Value.IsEmpty)
        {
            report.Warn("Access grants nothing: every Discord user is refused (the console still works).",
                "Grant roles per server under Access:Guilds:<server id> in appsettings.json; docs/access.md shows the format.");
        }

        if (labelStudioValid)
            await services.GetRequiredService<LabelStudioDoctor>().RunAsync(report, cancellationToken);
        else
            report.Section("Label Studio: skipped until its configuration is fixed");

        if (discordValid)
            await services.GetRequiredService<DiscordCheck>().RunAsync(report, cancellationToken);
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

    private bool CheckSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(CheckReport report, string section)
        where TOptions : class
    {
        var failures = ConfigurationCheck.Of<TOptions>(services);
        if (failures.Count == 0)
        {
            report.Ok($"{section} settings are complete");
            return true;
        }

        foreach (var failure in failures)
            report.Fail(failure, fix: null);
        return false;
    }
}
