using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>Who sees a command's result: the channel (default) or only the caller. Fixed when the bot defers.</summary>
public enum ReplyVisibility
{
    /// <summary>Everyone in the channel.</summary>
    Channel,

    /// <summary>Only the caller.</summary>
    Ephemeral,
}

/// <summary>
/// One option of a subcommand, as declared by its handler (and registered with Discord from it). <c>IsId</c> marks a
/// Label Studio id: it must be a positive integer, checked for every transport before the bot answers.
/// </summary>
public sealed record CommandOption(
    string Name,
    string Description,
    OptionKind Kind,
    bool Required = false,
    bool Autocomplete = false,
    bool Secret = false,
    bool IsId = false);

/// <summary>A <c>/ml</c> subcommand: its name, help text, options, the access level it needs and who sees its result.</summary>
public sealed record CommandDeclaration(
    string Name,
    string Description,
    AccessLevel Level,
    IReadOnlyList<CommandOption> Options,
    ReplyVisibility Visibility = ReplyVisibility.Channel)
{
    /// <summary>Usage as typed, e.g. <c>/ml get backend</c> with optional options in brackets.</summary>
    public string Usage => string.Join(' ', new[] { $"/ml {Name}" }.Concat(Options.Select(o => o.Required ? o.Name : $"[{o.Name}]")));
}
