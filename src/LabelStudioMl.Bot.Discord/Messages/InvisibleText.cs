using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LabelStudioMl.Bot.Discord.Messages;

/// <summary>
/// Removes characters that change how text reads without being seen: bidirectional controls (U+202A–U+202E,
/// U+2066–U+2069, the marks U+200E, U+200F, U+061C), which can turn <c>#12 yolo</c> into something else on screen;
/// zero-width and other invisible format characters (U+200B, U+2060–U+2064, U+FEFF, the soft hyphen, the Hangul
/// fillers, tag characters U+E0000–U+E007F), which make a line look empty or a name look like another. The joiners
/// U+200C and U+200D stay where they join two visible characters (emoji such as 👩‍💻, Persian and Indic words) and go
/// anywhere else. Variation selectors stay: emoji need them.
/// </summary>
public static class InvisibleText
{
    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';

    // Every UTF-16 unit that can start a removed character: BMP ones, and the high surrogates of U+1D173–U+1D17A
    // (musical format controls) and U+E0000–U+E007F (tags).
    private const string CandidateUnits =
        "\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B\u180C\u180D\u180E\u180F\u200B\u200C\u200D\u200E\u200F"
        + "\u202A\u202B\u202C\u202D\u202E\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206A\u206B\u206C\u206D\u206E\u206F"
        + "\u3164\uFEFF\uFFA0\uFFF9\uFFFA\uFFFB\uD834\uDB40";

    private static readonly SearchValues<char> Candidates = SearchValues.Create(CandidateUnits);

    // Text with no unit at or above the lowest candidate (ASCII, most of Latin-1) needs no closer look: a range check
    // is much cheaper than the set's.
    private static readonly char FirstCandidate = CandidateUnits.Min();

    /// <summary><paramref name="text"/> without its invisible characters; null stays null.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The visible text.</returns>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Remove(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAnyInRange(FirstCandidate, char.MaxValue) || !text.AsSpan().ContainsAny(Candidates))
            return text;

        var runes = text.EnumerateRunes().ToArray();
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (IsJoiner(rune))
            {
                if (builder.Length > 0 && !char.IsWhiteSpace(builder[^1]) && i + 1 < runes.Length && IsVisible(runes[i + 1]))
                    builder.Append((char)rune.Value);
                continue;
            }

            if (!IsRemoved(rune))
                builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool IsJoiner(Rune rune) => rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner;

    private static bool IsVisible(Rune rune) => !Rune.IsWhiteSpace(rune) && !IsJoiner(rune) && !IsRemoved(rune);

    private static bool IsRemoved(Rune rune) => rune.Value is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5
        or >= 0x180B and <= 0x180F
        or 0x200B or 0x200E or 0x200F
        or >= 0x202A and <= 0x202E
        or >= 0x2060 and <= 0x2064
        or >= 0x2066 and <= 0x206F
        or 0x3164 or 0xFEFF or 0xFFA0
        or >= 0xFFF9 and <= 0xFFFB
        or >= 0x1D173 and <= 0x1D17A
        or >= 0xE0000 and <= 0xE007F;
}
