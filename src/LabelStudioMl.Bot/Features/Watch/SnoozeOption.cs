using System.Globalization;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Features.Watch;

/// <summary>
/// <c>/ml watch … snooze:</c>: holds back a watch's alerts for a while, as on-call tools snooze a flapping alert
/// (<c>30m</c>, <c>2h</c>, <c>1d</c>, at most a week), or ends the snooze (<c>off</c>). The watcher goes on polling,
/// so the first alert after the snooze compares with the state of then, not with the state before it.
/// </summary>
internal static partial class SnoozeOption
{
    public static readonly CommandOption Option = new(
        "snooze", "Hold back this watch's alerts: 30m, 2h or 1d (at most 7d); off ends it", OptionKind.Text);

    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <summary>The snooze asked for: a length, <see cref="TimeSpan.Zero"/> for <c>off</c>, null when not given.</summary>
    public static TimeSpan? Read(CommandOptions options)
    {
        if (options.Text(Option.Name)?.Trim() is not { } text)
            return null;
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase))
            return TimeSpan.Zero;
        var match = Length().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0)
            throw new CommandInputException($"`snooze` must be a length such as 30m, 2h or 1d, or off, not \"{text}\".");
        var length = char.ToLowerInvariant(match.Groups["unit"].Value[0]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return length <= Longest
            ? length
            : throw new CommandInputException($"`snooze` is at most 7d (a week), not {text}: a longer silence is `/ml unwatch`.");
    }

    [GeneratedRegex(@"^(?<n>\d{1,5})\s*(?<unit>m|min|h|d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Length();
}
