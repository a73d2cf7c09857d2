using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Discord.Models;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// A subcommand's option values, typed by its declaration whether they came from Discord or from a console line.
/// Accessors throw <see cref="CommandInputException"/> with a message that names the option and the fix.
/// </summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, object> _values;
    private readonly Dictionary<string, Role> _roles;

    private CommandOptions(Dictionary<string, object> values, Dictionary<string, Role> roles)
    {
        _values = values;
        _roles = roles;
    }

    /// <summary>The option names given.</summary>
    public IReadOnlyCollection<string> Names => _values.Keys;

    /// <summary>
    /// Options from a Discord interaction (the subcommand's option list); <paramref name="resolvedRoles"/> are the role
    /// objects Discord sent along for ROLE options (<c>data.resolved.roles</c>), keyed by id.
    /// </summary>
    public static CommandOptions FromDiscord(
        CommandDeclaration declaration, IReadOnlyList<InteractionDataOption>? options, IReadOnlyDictionary<string, Role>? resolvedRoles = null)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options ?? [])
        {
            if (!given.Add(option.Name))
                throw new CommandInputException($"`{option.Name}` is given twice: give each option once.");
            var declared = Declared(declaration, option.Name);
            object? value = declared.Type switch
            {
                ApplicationCommandOptionType.Integer => option.AsInt64() ?? ParseInteger(declared, option.AsString()),
                ApplicationCommandOptionType.Number => option.AsDouble() ?? ParseNumber(declared, option.AsString()),
                ApplicationCommandOptionType.Boolean => option.AsBoolean(),
                ApplicationCommandOptionType.Role => ParseRole(declared, option.AsString()),
                _ => option.AsString(),
            };
            if (value is not null)
                values[option.Name] = value;
            if (value is string roleId && declared.Type == ApplicationCommandOptionType.Role && resolvedRoles?.GetValueOrDefault(roleId) is { } role)
                roles[option.Name] = role;
        }

        return Checked(declaration, values, roles);
    }

    /// <summary>Options from text (<c>backend:12</c>, <c>title:"yolo v8"</c>), converted to the declared types.</summary>
    public static CommandOptions FromText(CommandDeclaration declaration, IReadOnlyDictionary<string, string> options)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, text) in options)
        {
            var declared = Declared(declaration, name);
            values[name] = declared.Type switch
            {
                ApplicationCommandOptionType.Integer => ParseInteger(declared, text),
                ApplicationCommandOptionType.Number => ParseNumber(declared, text),
                ApplicationCommandOptionType.Boolean => ParseBoolean(declared, text),
                ApplicationCommandOptionType.Role => ParseRole(declared, text),
                _ => text,
            };
        }

        return Checked(declaration, values, []);
    }

    /// <summary>Whether the option was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A text option, or null when not given.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    /// <summary>An integer option, or null when not given.</summary>
    public long? WholeNumber(string name) => _values.TryGetValue(name, out var v) ? (long)v : null;

    /// <summary>A number option, or null when not given.</summary>
    public double? Number(string name) => _values.TryGetValue(name, out var v) ? (double)v : null;

    /// <summary>A yes/no option, or null when not given.</summary>
    public bool? Boolean(string name) => _values.TryGetValue(name, out var v) ? (bool)v : null;

    /// <summary>A role option as the role's id, or null when not given.</summary>
    public string? RoleId(string name) => Text(name);

    /// <summary>The role of a role option as Discord described it with the interaction; null when not given or not known (the console).</summary>
    public Role? ResolvedRole(string name) => _roles.GetValueOrDefault(name);

    /// <summary>An id option (a positive integer that fits an int, as Label Studio ids do).</summary>
    public int? Id(string name) => WholeNumber(name) switch
    {
        null => null,
        > 0 and <= int.MaxValue and var id => (int)id,
        var other => throw new CommandInputException($"`{name}` must be a positive id such as 12, not {other}."),
    };

    /// <summary>An absolute http or https URL.</summary>
    public Uri? HttpUrl(string name)
    {
        var text = Text(name)?.Trim();
        if (text is null)
            return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0
            ? url
            : throw new CommandInputException($"`{name}` must be an absolute http:// or https:// URL, for example http://ml-backend:9090.");
    }

    /// <summary>A JSON value (object, array, string, number…).</summary>
    public JsonNode? Json(string name)
    {
        var text = Text(name);
        if (text is null)
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CommandInputException($"`{name}` must be JSON, for example {{\"threshold\": 0.5}}: {e.Message}");
        }
    }

    private static CommandOption Declared(CommandDeclaration declaration, string name) =>
        declaration.Options.FirstOrDefault(o => o.Name == name)
        ?? throw new CommandInputException($"`/ml {declaration.Name}` has no option `{name}`. Usage: {declaration.Usage}");

    private static CommandOptions Checked(CommandDeclaration declaration, Dictionary<string, object> values, Dictionary<string, Role> roles)
    {
        var missing = declaration.Options.Where(o => o.Required && !values.ContainsKey(o.Name)).Select(o => $"`{o.Name}`").ToList();
        if (missing.Count > 0)
            throw new CommandInputException($"Missing {string.Join(", ", missing)}. Usage: {declaration.Usage}");

        var options = new CommandOptions(values, roles);
        foreach (var id in declaration.Options.Where(o => o.IsId))
            _ = options.Id(id.Name);
        return options;
    }

    private static long ParseInteger(CommandOption option, string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandInputException($"`{option.Name}` must be a whole number such as 12, not \"{text}\".");

    private static double ParseNumber(CommandOption option, string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CommandInputException($"`{option.Name}` must be a number such as 30 or 2.5, not \"{text}\".");

    /// <summary>Discord sends a role's id; typed text may be the id or a mention such as <c>&lt;@&amp;123&gt;</c>.</summary>
    private static string ParseRole(CommandOption option, string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var id = trimmed.StartsWith("<@&", StringComparison.Ordinal) && trimmed.EndsWith('>') ? trimmed[3..^1] : trimmed;
        return Snowflake.TryParse(id, out var role)
            ? role.ToString()
            : throw new CommandInputException($"`{option.Name}` must be a role (its id such as 123456789012345678, or <@&id>), not \"{text}\".");
    }

    private static bool ParseBoolean(CommandOption option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new CommandInputException($"`{option.Name}` must be true or false, not \"{text}\"."),
    };
}
