using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// A subcommand's option values, typed by its declaration whether they came from Discord or from a console line.
/// Accessors throw <see cref="CommandInputException"/> with a message that names the option and the fix.
/// </summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, object> _values;
    private readonly Dictionary<string, MentionRole> _roles;

    private CommandOptions(Dictionary<string, object> values, Dictionary<string, MentionRole> roles)
    {
        _values = values;
        _roles = roles;
    }

    /// <summary>The option names given.</summary>
    public IReadOnlyCollection<string> Names => _values.Keys;

    /// <summary>
    /// Options as a transport received them, converted to the declared kinds: a value the transport already typed
    /// (Discord sends numbers and booleans as such) is taken as it is, text is parsed. An option given twice, one the
    /// command does not declare, a missing required one or an id that is not one is refused with the fix.
    /// </summary>
    public static CommandOptions From(CommandDeclaration declaration, IEnumerable<GivenOption> given)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var roles = new Dictionary<string, MentionRole>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in given ?? [])
        {
            if (!names.Add(option.Name))
                throw new CommandInputException($"`{option.Name}` is given twice: give each option once.");
            var declared = Declared(declaration, option.Name);
            object? value = declared.Kind switch
            {
                OptionKind.WholeNumber => option.WholeNumber ?? ParseInteger(declared, option.Text),
                OptionKind.Number => option.Number ?? ParseNumber(declared, option.Text),
                OptionKind.YesNo => option.YesNo ?? (option.Text is null ? null : ParseBoolean(declared, option.Text)),
                OptionKind.Role => ParseRole(declared, option.Text),
                _ => option.Text,
            };
            if (value is not null)
                values[option.Name] = value;
            if (declared.Kind == OptionKind.Role && option.Role is { } role)
                roles[option.Name] = role;
        }

        return Checked(declaration, values, roles);
    }

    /// <summary>Options from text (<c>backend:12</c>, <c>title:"yolo v8"</c>), converted to the declared kinds.</summary>
    public static CommandOptions FromText(CommandDeclaration declaration, IReadOnlyDictionary<string, string> options) =>
        From(declaration, options.Select(o => new GivenOption(o.Key, o.Value)));

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

    /// <summary>The role of a role option as the transport described it with the command; null when not given or not known (the console).</summary>
    public MentionRole? ResolvedRole(string name) => _roles.GetValueOrDefault(name);

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

    private static CommandOptions Checked(CommandDeclaration declaration, Dictionary<string, object> values, Dictionary<string, MentionRole> roles)
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
        return Ids.TryParse(id, out var role)
            ? role.ToString(CultureInfo.InvariantCulture)
            : throw new CommandInputException($"`{option.Name}` must be a role (its id such as 123456789012345678, or <@&id>), not \"{text}\".");
    }

    private static bool ParseBoolean(CommandOption option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw new CommandInputException($"`{option.Name}` must be true or false, not \"{text}\"."),
    };
}
