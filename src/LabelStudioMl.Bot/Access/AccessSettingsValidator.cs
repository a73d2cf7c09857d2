using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Access;

/// <summary>
/// Checks the <c>Access</c> section at start: one line per problem naming the key (and its environment variable form)
/// and how to fix it. An empty section is valid: everyone on Discord is denied (see <see cref="AccessSettings.IsEmpty"/>).
/// </summary>
public sealed class AccessSettingsValidator : IValidateOptions<AccessSettings>
{
    private const string Levels = "View, Operate or Admin";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AccessSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (guild, levels) in options.Guilds)
            ValidateGuild(guild, levels, failures);
        foreach (var (user, level) in options.DirectMessageUsers)
            ValidateDirectMessageUser(user, level, failures);
        ValidateConsole(options.Console, failures);

        if (!CommandPermissions.TryParse(options.AdminCommandPermissions, out _))
        {
            failures.Add($"Access:AdminCommandPermissions '{options.AdminCommandPermissions}' is not a known Discord permission. "
                + $"Use one of {string.Join(", ", CommandPermissions.Names)} ({Env("Access:AdminCommandPermissions")}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateGuild(string guild, Dictionary<string, List<string>>? levels, List<string> failures)
    {
        var key = $"Access:Guilds:{guild}";
        if (!Ids.TryParse(guild.Trim(), out _))
        {
            failures.Add($"{key} is not a server id. Use the server's numeric id (Discord Developer Mode → right-click the server → "
                + "Copy Server ID) as the key.");
        }

        foreach (var (level, entries) in levels ?? [])
        {
            if (!AccessLevelNames.TryParse(level, out _))
            {
                failures.Add($"{key}:{level} is not an access level. Use {Levels} as the key ({Env($"{key}:{level}")}).");
                continue;
            }

            for (var i = 0; i < (entries?.Count ?? 0); i++)
            {
                var entry = entries![i];
                if (string.IsNullOrWhiteSpace(entry))
                {
                    failures.Add($"{key}:{level}[{i}] is empty. Give a role id, a role name or @everyone, or remove the entry "
                        + $"({Env($"{key}:{level}:{i}")}).");
                }
                else if (!RoleReference.IsValid(entry))
                {
                    failures.Add($"{key}:{level}[{i}] '{entry}' looks like a role id but is too large to be one. Copy the id again "
                        + $"(Server Settings → Roles → right-click the role → Copy Role ID) ({Env($"{key}:{level}:{i}")}).");
                }
            }
        }
    }

    private static void ValidateDirectMessageUser(string user, string? level, List<string> failures)
    {
        var key = $"Access:DirectMessageUsers:{user}";
        if (!Ids.TryParse(user.Trim(), out _))
        {
            failures.Add($"{key} is not a user id. Use the user's numeric id (Discord Developer Mode → right-click the user → "
                + "Copy User ID) as the key.");
        }

        if (!AccessLevelNames.TryParse(level, out _))
            failures.Add($"{key} '{level}' is not an access level. Use {Levels} ({Env(key)}).");
    }

    private static void ValidateConsole(ConsoleAccessSettings console, List<string> failures)
    {
        if (!AccessLevelNames.TryParse(console.Level, out _))
            failures.Add($"Access:Console:Level '{console.Level}' is not an access level. Use {Levels} ({Env("Access:Console:Level")}).");
        if (string.IsNullOrWhiteSpace(console.UserId))
            failures.Add($"Access:Console:UserId is empty. Set the identity the audit log records for console commands, e.g. console ({Env("Access:Console:UserId")}).");
        if (string.IsNullOrWhiteSpace(console.UserName))
            failures.Add($"Access:Console:UserName is empty. Set the name shown for console commands, e.g. console ({Env("Access:Console:UserName")}).");
    }

    private static string Env(string key) => "environment variable " + key.Replace(":", "__", StringComparison.Ordinal);
}
