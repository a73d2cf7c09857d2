using System.Globalization;
using System.Text;
using LabelStudioMl.Bot.Interactions;

namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>
/// Reads a console line: <c>/ml get backend:12</c> or <c>get backend:12</c>, values with spaces in double quotes
/// (<c>title:"yolo v8"</c>, <c>\"</c> and <c>\\</c> inside quotes), a bare number to press a button, and blank lines
/// or <c>#</c> comments to skip. Option names and types are checked later against the command's declaration.
/// </summary>
internal static class ConsoleLineParser
{
    /// <summary>What every unreadable line ends with.</summary>
    public const string Usage = "Type a command like `/ml get backend:12` (values with spaces in quotes: title:\"yolo v8\"), "
        + "a number to press a button of the last reply, `wait 30s` to let alerts come, or `/ml help` for the commands.";

    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private const string RootPrefix = "/" + CommandTree.RootName;

    public static ConsoleLine Parse(string? line)
    {
        var text = line?.Trim() ?? "";
        if (text.Length == 0 || text.StartsWith('#'))
            return new ConsoleLine.Blank();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return new ConsoleLine.Press(number);
        if (text.StartsWith("wait", StringComparison.OrdinalIgnoreCase) && (text.Length == 4 || char.IsWhiteSpace(text[4])))
            return Wait(text[4..].Trim());

        if (!TryTokenize(text, out var tokens, out var problem))
            return Unreadable(problem);

        if (tokens[0].Text == RootPrefix)
            tokens.RemoveAt(0);
        if (tokens.Count == 0)
            return Unreadable("`/ml` needs a command after it.");

        var name = tokens[0];
        if (name.Text.StartsWith('/'))
            return Unreadable($"`{name.Text}` is not a command of this bot: lines start with `/ml` or with the command name.");
        if (name.Quoted || name.Text.Contains(':', StringComparison.Ordinal))
            return Unreadable($"`{name.Text}` is not a command name.");

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens.Skip(1))
        {
            var colon = token.Text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 && !token.Quoted && token.Text.All(c => char.IsAsciiLetterLower(c) || c is '_' or '-'))
                return Unreadable($"`{token.Text}` has no value: write {token.Text}:<value>.");
            if (colon < 0 || token.NameQuoted)
                return Unreadable($"`{token.Text}` is not an option: write name:value, for example backend:12.");
            var optionName = token.Text[..colon];
            var value = token.Text[(colon + 1)..];
            if (optionName.Length == 0)
                return Unreadable($"`{token.Text}` has no option name before the colon.");
            if (value.Length == 0 && !token.Quoted)
                return Unreadable($"`{optionName}` has no value: write {optionName}:<value>, or {optionName}:\"\" for an empty text.");
            if (!options.TryAdd(optionName, value))
                return Unreadable($"`{optionName}` is given twice.");
        }

        return new ConsoleLine.Command(name.Text, options);
    }

    /// <summary><c>wait 30s</c>, <c>wait 2m</c>: at least a second, at most an hour.</summary>
    private static ConsoleLine Wait(string length)
    {
        var unit = length.Length > 0 ? char.ToLowerInvariant(length[^1]) : ' ';
        if (unit is 's' or 'm' && int.TryParse(length[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            var wait = unit == 's' ? TimeSpan.FromSeconds(n) : TimeSpan.FromMinutes(n);
            if (wait <= LongestWait)
                return new ConsoleLine.Wait(wait);
        }

        return Unreadable($"`wait` takes a length from 1s to 60m, such as `wait 30s` or `wait 2m`, not \"{length}\".");
    }

    private static ConsoleLine.Unreadable Unreadable(string problem) => new($"{problem} {Usage}");

    /// <summary>A word of the line: <paramref name="Quoted"/> when any part was in quotes, <paramref name="NameQuoted"/> when a quote came before the first colon.</summary>
    private sealed record Token(string Text, bool Quoted, bool NameQuoted);

    private static bool TryTokenize(string text, out List<Token> tokens, out string problem)
    {
        tokens = [];
        problem = "";
        var current = new StringBuilder();
        bool inQuotes = false, quoted = false, nameQuoted = false, started = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                    current.Append(text[++i]);
                else if (c == '"')
                    inQuotes = false;
                else
                    current.Append(c);
            }
            else if (c == '"')
            {
                inQuotes = quoted = started = true;
                nameQuoted |= !current.ToString().Contains(':', StringComparison.Ordinal);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (started)
                    tokens.Add(new Token(current.ToString(), quoted, nameQuoted));
                current.Clear();
                quoted = nameQuoted = started = false;
            }
            else
            {
                current.Append(c);
                started = true;
            }
        }

        if (inQuotes)
        {
            problem = "A quote is not closed.";
            return false;
        }

        if (started)
            tokens.Add(new Token(current.ToString(), quoted, nameQuoted));
        return true;
    }
}
