using LabelStudioMl.Bot.Discord.Models;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Commands;

/// <summary>The basic-auth options of <c>/ml add</c> and <c>/ml update</c>; the password is secret (never echoed, logged or audited).</summary>
internal static class BasicAuthOptions
{
    public static readonly CommandOption User = new("basic_auth_user", "User Label Studio sends to the ML server (basic auth)", ApplicationCommandOptionType.String);

    public static readonly CommandOption Password = new("basic_auth_password", "Password for basic auth (never shown or logged)", ApplicationCommandOptionType.String, Secret: true);

    /// <summary>The user, or null when not given or blank.</summary>
    public static string? UserOf(CommandOptions options) => options.Text(User.Name) is { } user && !string.IsNullOrWhiteSpace(user) ? user.Trim() : null;

    /// <summary>The problem when a password comes without a user, else null.</summary>
    public static string? PasswordWithoutUser(CommandOptions options) =>
        options.Has(Password.Name) && UserOf(options) is null
            ? $"`{Password.Name}` needs `{User.Name}` too: basic auth sends both."
            : null;
}
