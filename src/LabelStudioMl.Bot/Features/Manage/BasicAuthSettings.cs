using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Features.Manage;

/// <summary>The basic-auth options of <c>/ml add</c> and <c>/ml update</c>; the password is secret (never echoed, logged or audited).</summary>
internal static class BasicAuthSettings
{
    public static readonly CommandOption User = new("basic_auth_user", "User Label Studio sends to the ML server (basic auth)", OptionKind.Text);

    public static readonly CommandOption Password = new("basic_auth_password", "Password for basic auth (never shown or logged)", OptionKind.Text, Secret: true);

    /// <summary><c>/ml update</c> only: false switches basic auth off, true (with a user) on.</summary>
    public static readonly CommandOption Enabled = new("basic_auth", "false: stop sending basic auth (Label Studio keeps the password); true: send it (needs a user)", OptionKind.YesNo);

    /// <summary>The user, or null when not given or blank.</summary>
    public static string? UserOf(CommandOptions options) => options.Text(User.Name) is { } user && !string.IsNullOrWhiteSpace(user) ? user.Trim() : null;

    /// <summary>What <c>/ml update</c> asks of basic auth: on (true), off (false) or no change (null); a user or password means on.</summary>
    public static bool? Requested(CommandOptions options) =>
        options.Boolean(Enabled.Name) ?? (options.Has(User.Name) || options.Has(Password.Name) ? true : null);

    /// <summary>The problem with <c>basic_auth</c> and the credentials given with it, else null.</summary>
    public static string? EnabledProblem(CommandOptions options) => options.Boolean(Enabled.Name) switch
    {
        false when options.Has(User.Name) || options.Has(Password.Name) =>
            $"`{Enabled.Name}:false` switches basic auth off: leave out `{User.Name}` and `{Password.Name}`.",
        true when UserOf(options) is null =>
            $"`{Enabled.Name}:true` needs `{User.Name}` (and `{Password.Name}` unless Label Studio still stores one).",
        _ => null,
    };

    /// <summary>
    /// What the reply must say about basic auth after an update asked for <paramref name="requested"/>, judged from the
    /// backend Label Studio answered with (it sends basic auth whenever a user and a password are stored), else null.
    /// </summary>
    public static string? Outcome(bool? requested, MlBackend backend) => requested switch
    {
        false when backend.SendsBasicAuth =>
            "Label Studio still stores a basic-auth user and password, so it still sends them to the ML server.",
        false when backend.BasicAuthPassIsSet =>
            "Basic auth is off: Label Studio no longer sends it to the ML server. The password stays stored in Label Studio "
            + "(its API cannot clear it) but is not sent without a user.",
        false => "Basic auth is off: Label Studio no longer sends it to the ML server.",
        true when !backend.SendsBasicAuth =>
            $"Label Studio does not send basic auth yet: it needs both a user and a password (`{User.Name}`, `{Password.Name}`).",
        _ => null,
    };

    /// <summary>The problem when a password comes without a user, else null.</summary>
    public static string? PasswordWithoutUser(CommandOptions options) =>
        options.Has(Password.Name) && UserOf(options) is null
            ? $"`{Password.Name}` needs `{User.Name}` too: basic auth sends both."
            : null;
}
