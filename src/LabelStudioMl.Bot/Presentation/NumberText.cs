using System.Globalization;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>Short number texts that fit a phone line.</summary>
internal static class NumberText
{
    /// <summary>A count with its noun: <c>1 backend</c>, <c>3 backends</c>.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>A whole percentage of <paramref name="part"/> in <paramref name="whole"/>: <c>42%</c>; <c>–</c> when the whole is 0.</summary>
    public static string Percent(int part, int whole) => whole <= 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero):0}%");

    /// <summary>A span as people say it: <c>0.2 s</c>, <c>60 s</c>, <c>10 min</c>, <c>1.5 h</c>.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 120 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
        { TotalMinutes: < 120 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h"),
    };

    /// <summary>A compact number: <c>950</c>, <c>1.2k</c>, <c>3.4M</c>.</summary>
    public static string Short(long value)
    {
        var magnitude = Math.Abs((double)value);
        return magnitude switch
        {
            < 1_000 => value.ToString(CultureInfo.InvariantCulture),
            < 999_950 => Scaled(value / 1_000.0, "k"),
            < 999_950_000 => Scaled(value / 1_000_000.0, "M"),
            _ => Scaled(value / 1_000_000_000.0, "B"),
        };
    }

    private static string Scaled(double value, string suffix) =>
        (Math.Abs(value) < 100 ? value.ToString("0.#", CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture)) + suffix;
}
