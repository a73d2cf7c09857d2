using LabelStudioMl.Bot.Discord;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// The <c>Discord</c> section as the console needs it: the console makes no Discord call (its caller's level comes
/// from <c>Access:Console</c>, no role lookup), so a missing or malformed <c>Discord:Token</c> is not a problem
/// there. Every other Discord rule still holds, because the REST client is still built from the section.
/// </summary>
internal sealed class ConsoleDiscordSettingsValidator : IValidateOptions<DiscordSettings>
{
    private readonly DiscordSettingsValidator _rules = new();

    public ValidateOptionsResult Validate(string? name, DiscordSettings options)
    {
        var result = _rules.Validate(name, options);
        var kept = (result.Failures ?? []).Where(f => !f.StartsWith("Discord:Token ", StringComparison.Ordinal)).ToList();
        return kept.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(kept);
    }
}
