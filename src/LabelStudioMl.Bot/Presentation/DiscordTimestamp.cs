namespace LabelStudioMl.Bot.Presentation;

/// <summary>Discord timestamp markup, which each reader's app shows in their own time zone and language.</summary>
internal static class DiscordTimestamp
{
    /// <summary>A relative time such as "3 minutes ago": <c>&lt;t:UNIX:R&gt;</c>.</summary>
    public static string Relative(DateTimeOffset moment) => $"<t:{moment.ToUnixTimeSeconds()}:R>";
}
