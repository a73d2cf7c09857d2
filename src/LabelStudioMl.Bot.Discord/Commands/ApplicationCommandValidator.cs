using System.Text.Json;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>
/// Checks commands against Discord's rules (AC) before anything is sent: name pattern and case, lengths,
/// 25 options and choices, required options first, autocomplete vs choices, nesting, 8000 characters per command.
/// </summary>
public static partial class ApplicationCommandValidator
{
    /// <summary>Combined name + description + choice values of one command, longest localization counted.</summary>
    public const int MaxCommandSize = 8000;

    /// <summary>Every problem, one line each, naming the command path; empty when all is valid.</summary>
    /// <param name="commands">The desired command set.</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ApplicationCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var problems = new List<string>();
        var seen = new HashSet<(ApplicationCommandType, string)>();
        foreach (var command in commands)
        {
            var type = command.Type ?? ApplicationCommandType.ChatInput;
            var path = "/" + command.Name;
            CheckName(command.Name, path, type == ApplicationCommandType.ChatInput, problems);
            if (!seen.Add((type, command.Name)))
                problems.Add($"{path}: the name is used twice for the same command type.");
            var description = command.Description ?? "";
            if (type == ApplicationCommandType.ChatInput && description.Length is < 1 or > 100)
                problems.Add($"{path}: the description must be 1–100 characters (it is {description.Length}).");
            if (type != ApplicationCommandType.ChatInput && description.Length > 0)
                problems.Add($"{path}: user and message commands take no description.");
            if (type != ApplicationCommandType.ChatInput && command.Options is { Count: > 0 })
                problems.Add($"{path}: user and message commands take no options.");
            if (command.DefaultMemberPermissions is { } perms && !ulong.TryParse(perms, System.Globalization.CultureInfo.InvariantCulture, out _))
                problems.Add($"{path}: default_member_permissions must be a decimal bitset string.");

            var size = Longest(command.Name, command.NameLocalizations) + Longest(description, command.DescriptionLocalizations);
            size += CheckOptions(command.Options, path, depth: 0, problems);
            if (size > MaxCommandSize)
                problems.Add($"{path}: names, descriptions and choices add up to {size} characters; Discord allows {MaxCommandSize}.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="InvalidApplicationCommandException"/> listing every problem.</summary>
    /// <param name="commands">The desired command set.</param>
    public static void ThrowIfInvalid(IReadOnlyList<ApplicationCommand> commands)
    {
        var problems = Validate(commands);
        if (problems.Count > 0)
            throw new InvalidApplicationCommandException(problems);
    }

    private static int CheckOptions(IReadOnlyList<ApplicationCommandOption>? options, string path, int depth, List<string> problems)
    {
        if (options is null)
            return 0;
        if (options.Count > 25)
            problems.Add($"{path}: {options.Count} options; at most 25 are allowed.");
        var size = 0;
        var optionalSeen = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var at = $"{path} {option.Name}";
            CheckName(option.Name, at, lowercase: true, problems);
            if (!names.Add(option.Name))
                problems.Add($"{at}: the option name is used twice.");
            if (option.Description.Length is < 1 or > 100)
                problems.Add($"{at}: the description must be 1–100 characters (it is {option.Description.Length}).");
            size += Longest(option.Name, option.NameLocalizations) + Longest(option.Description, option.DescriptionLocalizations);

            if (option.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup)
            {
                var tooDeep = option.Type == ApplicationCommandOptionType.SubCommandGroup ? depth > 0 : depth > 1;
                if (tooDeep)
                    problems.Add($"{at}: subcommands nest at most command → group → subcommand.");
                if (option.Type == ApplicationCommandOptionType.SubCommandGroup && option.Options?.Any(o => o.Type != ApplicationCommandOptionType.SubCommand) == true)
                    problems.Add($"{at}: a subcommand group holds only subcommands.");
                size += CheckOptions(option.Options, at, depth + 1, problems);
                continue;
            }

            if (option.Options is { Count: > 0 })
                problems.Add($"{at}: only subcommands and groups have nested options.");
            var required = option.Required == true;
            if (required && optionalSeen)
                problems.Add($"{at}: required options must come before optional ones.");
            optionalSeen |= !required;

            var valued = option.Type is ApplicationCommandOptionType.String or ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number;
            if (option.Autocomplete == true && option.Choices is { Count: > 0 })
                problems.Add($"{at}: autocomplete and choices cannot be used together.");
            if (option.Autocomplete == true && !valued)
                problems.Add($"{at}: autocomplete works only on STRING, INTEGER and NUMBER options.");
            if (option.Choices is { Count: > 0 } && !valued)
                problems.Add($"{at}: choices work only on STRING, INTEGER and NUMBER options.");
            if (option.MinLength is < 0 or > 6000 || option.MaxLength is < 1 or > 6000)
                problems.Add($"{at}: min_length must be 0–6000 and max_length 1–6000.");
            if (option.Choices is { } choices)
                size += CheckChoices(choices, option.Type, at, problems);
        }

        return size;
    }

    private static int CheckChoices(IReadOnlyList<ApplicationCommandOptionChoice> choices, ApplicationCommandOptionType type, string at, List<string> problems)
    {
        if (choices.Count > 25)
            problems.Add($"{at}: {choices.Count} choices; at most 25 are allowed.");
        var size = 0;
        foreach (var choice in choices)
        {
            if (choice.Name.Length is < 1 or > 100)
                problems.Add($"{at}: choice names must be 1–100 characters ('{choice.Name}').");
            var value = choice.Value.ValueKind == JsonValueKind.String ? choice.Value.GetString() ?? "" : choice.Value.GetRawText();
            var expected = type == ApplicationCommandOptionType.String ? JsonValueKind.String : JsonValueKind.Number;
            if (choice.Value.ValueKind != expected)
                problems.Add($"{at}: choice '{choice.Name}' must have a {(expected == JsonValueKind.String ? "string" : "number")} value.");
            if (type == ApplicationCommandOptionType.String && value.Length > 100)
                problems.Add($"{at}: string choice values must be at most 100 characters ('{choice.Name}').");
            size += Longest(choice.Name, choice.NameLocalizations) + value.Length;
        }

        return size;
    }

    private static void CheckName(string name, string at, bool lowercase, List<string> problems)
    {
        if (!NamePattern().IsMatch(name))
            problems.Add($"{at}: '{name}' is not a valid name (1–32 letters, digits, '-', '_' or ''', no spaces).");
        else if (lowercase && !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            problems.Add($"{at}: '{name}' must be lowercase.");
    }

    private static int Longest(string text, IReadOnlyDictionary<string, string>? localizations) =>
        Math.Max(text.Length, localizations?.Values.DefaultIfEmpty("").Max(v => v.Length) ?? 0);

    // AC: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ — .NET names the two scripts by their Unicode blocks.
    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NamePattern();
}
