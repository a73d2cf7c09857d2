using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LabelStudioMl.Bot.Testing.Discord;

/// <summary>Validates a bulk-overwrite body like Discord (AC): names, lengths, 25-limits, required first, autocomplete vs choices, 8000 total.</summary>
internal static partial class CommandValidator
{
    public static DiscordErrors Validate(JsonArray commands)
    {
        // application-commands.mdx "Application Command Naming", "...Option Structure", "...Choice Structure", "Slash Commands" (8000).
        var errors = new DiscordErrors();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i] is not JsonObject command)
            {
                errors.Add($"{i}", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }

            var type = command["type"]?.GetValue<int>() ?? 1;
            var name = MessageValidator.Text(command["name"]) ?? "";
            ValidateName(name, $"{i}.name", type == 1, errors);
            if (!names.Add($"{type}:{name}"))
                errors.Add($"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", $"Application command names must be unique: {name}");
            var description = MessageValidator.Text(command["description"]) ?? "";
            if (type == 1 && (description.Length is < 1 or > 100))
                errors.Add($"{i}.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            if (type != 1 && description.Length > 0)
                errors.Add($"{i}.description", "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED", "User and message commands take no description.");
            // application-commands.mdx "Interaction Contexts" (0 guild, 1 bot DM, 2 private channel), "Installation Context" (0 guild, 1 user).
            ValidateEnumList(command["contexts"], $"{i}.contexts", 2, errors);
            ValidateEnumList(command["integration_types"], $"{i}.integration_types", 1, errors);
            var size = name.Length + description.Length;
            size += ValidateOptions(command["options"] as JsonArray, $"{i}.options", depth: 0, errors);
            if (size > 8000)
                errors.Add($"{i}", "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (8000)");
        }

        return errors;
    }

    private static void ValidateEnumList(JsonNode? list, string at, int max, DiscordErrors errors)
    {
        if (list is null)
            return;
        if (list is not JsonArray values)
        {
            errors.Add(at, "BASE_TYPE_LIST", "Must be a list.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not JsonValue value || !value.TryGetValue<int>(out var n) || n < 0 || n > max)
                errors.Add($"{at}.{i}", "ENUM_TYPE_COERCE", $"Value \"{values[i]?.ToJsonString()}\" is not a valid enum value.");
        }
    }

    private static int ValidateOptions(JsonArray? options, string at, int depth, DiscordErrors errors)
    {
        if (options is null)
            return 0;
        if (options.Count > 25)
            errors.Add(at, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        var size = 0;
        var optionalSeen = false;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] is not JsonObject option)
                continue;
            var here = $"{at}.{i}";
            var type = option["type"]?.GetValue<int>() ?? 0;
            var name = MessageValidator.Text(option["name"]) ?? "";
            var description = MessageValidator.Text(option["description"]) ?? "";
            ValidateName(name, here + ".name", lowercase: true, errors);
            if (description.Length is < 1 or > 100)
                errors.Add(here + ".description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            size += name.Length + description.Length;

            if (type is 1 or 2)
            {
                if (type == 2 && depth > 0 || type == 1 && depth > 1)
                    errors.Add(here + ".type", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Subcommands cannot nest this deep.");
                size += ValidateOptions(option["options"] as JsonArray, here + ".options", depth + 1, errors);
                continue;
            }

            var required = option["required"]?.GetValue<bool>() ?? false;
            if (required && optionalSeen)
                errors.Add(here + ".required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
            optionalSeen |= !required;

            var autocomplete = option["autocomplete"]?.GetValue<bool>() ?? false;
            if (option["choices"] is JsonArray choices)
            {
                if (autocomplete && choices.Count > 0)
                    errors.Add(here + ".autocomplete", "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete cannot be set with choices");
                if (choices.Count > 25)
                    errors.Add(here + ".choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
                for (var c = 0; c < choices.Count; c++)
                {
                    var choiceName = MessageValidator.Text(choices[c]?["name"]) ?? "";
                    if (choiceName.Length is < 1 or > 100)
                        errors.Add($"{here}.choices.{c}.name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
                    var value = choices[c]?["value"];
                    var valueText = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
                    if (type == 3 && valueText.Length > 100)
                        errors.Add($"{here}.choices.{c}.value", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
                    size += choiceName.Length + valueText.Length;
                }
            }

            if (autocomplete && type is not (3 or 4 or 10))
                errors.Add(here + ".autocomplete", "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete is only for STRING, INTEGER and NUMBER options");
        }

        return size;
    }

    private static void ValidateName(string name, string at, bool lowercase, DiscordErrors errors)
    {
        if (!NamePattern().IsMatch(name))
            errors.Add(at, "APPLICATION_COMMAND_INVALID_NAME", $"Command name is invalid: '{name}'");
        else if (lowercase && !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            errors.Add(at, "APPLICATION_COMMAND_INVALID_NAME", "Command name must be lowercase");
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NamePattern();
}
