using System.Globalization;

namespace LabelStudioMl.Bot.Discord.Rest.RateLimiting;

/// <summary>
/// How long one REST call may take, waits included: <see cref="DiscordSettings.RequestTimeout"/>, or 3 seconds for an
/// interaction callback, whose token Discord invalidates when no initial response came within 3 seconds
/// (receiving-and-responding.mdx, "Interaction Callback"). A wait Discord asks for beyond it fails the call at
/// once, naming the wait, instead of ending as a cancelled request when the time runs out.
/// </summary>
internal static class CallBudget
{
    /// <summary>Discord's deadline for the initial interaction response.</summary>
    public static readonly TimeSpan InteractionCallback = TimeSpan.FromSeconds(3);

    public static TimeSpan For(DiscordRoute route, DiscordSettings options) =>
        RepeatSafety.IsInteractionCallback(route) ? InteractionCallback : options.RequestTimeout;

    /// <summary>The reason a call fails when Discord's wait does not fit: the wait, the route (without ids or tokens) and the budget.</summary>
    public static string TooLong(TimeSpan wait, DiscordRoute route, TimeSpan budget) =>
        string.Create(CultureInfo.InvariantCulture, $"Discord asked to wait {Seconds(wait)} before {route.Template}, longer than this call may take ({Seconds(budget)})");

    private static string Seconds(TimeSpan span) => span.TotalSeconds < 10
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0} s");
}
