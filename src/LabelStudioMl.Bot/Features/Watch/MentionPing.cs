using System.Diagnostics.CodeAnalysis;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// Whether a watch's mention role reaches anyone, and what to say when it does not. Discord notifies a role's members
/// only when the role is mentionable or the bot has MENTION_EVERYONE (message.mdx, "Allowed Mentions Object"); otherwise
/// alerts show the role and nobody is pinged. <c>/ml watch</c> and <c>check</c> say so with the same words.
/// </summary>
internal static class MentionPing
{
    private const string Permission = "Mention @everyone, @here, and All Roles";

    /// <summary>
    /// Whether the mention needs a warning: the role is not mentionable and the bot may not ping every role
    /// (<paramref name="botPingsAnyRole"/>); false when either is unknown.
    /// </summary>
    public static bool IsSilent([NotNullWhen(true)] MentionRole? role, bool? botPingsAnyRole) =>
        role is not null && botPingsAnyRole == false && !role.Mentionable;

    /// <summary>Why nobody is pinged, <paramref name="where"/> naming the place of the bot's permissions ("in this channel").</summary>
    public static string Reason(string where) =>
        $"the role is not mentionable and the bot lacks the {Permission} permission {where}, so alerts show the role silently.";

    /// <summary>The two ways to make it ping.</summary>
    public static string Fix(MentionRole role) =>
        $"Make the role mentionable in Server Settings → Roles → {role.Name} → Allow anyone to @mention this role, or give the bot's role the {Permission} permission.";
}
