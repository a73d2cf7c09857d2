using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>
/// Decides whether the commands Discord has match the desired ones, ignoring what Discord adds (ids, versions,
/// defaults it fills in), so the bulk overwrite — whose new commands count toward 200 creates a day — runs only
/// when something changed.
/// </summary>
public static class CommandComparer
{
    /// <summary>Whether both sets hold the same commands (order of commands does not matter; order of options does).</summary>
    /// <param name="desired">What the bot declares.</param>
    /// <param name="registered">What Discord returned.</param>
    /// <returns>True when no overwrite is needed.</returns>
    public static bool SameSet(IReadOnlyList<ApplicationCommand> desired, IReadOnlyList<ApplicationCommand> registered)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(registered);
        if (desired.Count != registered.Count)
            return false;
        var theirs = registered.ToDictionary(c => Key(c), c => c);
        return desired.All(mine => theirs.TryGetValue(Key(mine), out var other) && Canonical(mine, mine) == Canonical(other, mine));
    }

    private static string Key(ApplicationCommand command) => $"{(int)(command.Type ?? ApplicationCommandType.ChatInput)}:{command.Name}";

    /// <summary>A canonical text of the fields the bot controls; optional fields left unset in <paramref name="desired"/> are not compared.</summary>
    private static string Canonical(ApplicationCommand command, ApplicationCommand desired)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Key(command)}|{command.Description ?? ""}|{Localized(command.NameLocalizations)}|{Localized(command.DescriptionLocalizations)}");
        text.Append(CultureInfo.InvariantCulture, $"|perm={command.DefaultMemberPermissions}|nsfw={command.Nsfw ?? false}");
        if (desired.Contexts is not null)
            text.Append("|ctx=").AppendJoin(',', command.Contexts ?? []);
        if (desired.IntegrationTypes is not null)
            text.Append("|it=").AppendJoin(',', command.IntegrationTypes ?? []);
        AppendOptions(text, command.Options);
        return text.ToString();
    }

    private static void AppendOptions(StringBuilder text, IReadOnlyList<ApplicationCommandOption>? options)
    {
        text.Append('[');
        foreach (var o in options ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"{{{(int)o.Type}:{o.Name}|{o.Description}|{Localized(o.NameLocalizations)}|{Localized(o.DescriptionLocalizations)}|req={o.Required ?? false}|ac={o.Autocomplete ?? false}");
            text.Append(CultureInfo.InvariantCulture, $"|min={o.MinValue}|max={o.MaxValue}|minl={o.MinLength}|maxl={o.MaxLength}|ch=").AppendJoin(',', o.ChannelTypes ?? []);
            text.Append("|choices=");
            foreach (var c in o.Choices ?? [])
                text.Append(CultureInfo.InvariantCulture, $"{c.Name}={Value(c.Value)}{Localized(c.NameLocalizations)};");
            AppendOptions(text, o.Options);
            text.Append('}');
        }

        text.Append(']');
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => "\"" + value.GetString() + "\"",
        _ => value.GetRawText(),
    };

    private static string Localized(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? "" : string.Join(',', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
