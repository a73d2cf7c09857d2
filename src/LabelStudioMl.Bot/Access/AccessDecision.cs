namespace LabelStudioMl.Bot.Access;

/// <summary>
/// The answer of <see cref="AccessPolicy.CheckAsync"/>: allowed, or denied with an explanation that names the level
/// needed and what grants it. The command is not known to the policy: render the denial with <see cref="MessageFor"/>.
/// </summary>
public sealed record AccessDecision
{
    private readonly string _explanation;
    private readonly bool _namesCommand;

    private AccessDecision(bool isAllowed, AccessLevel required, string explanation, bool namesCommand)
    {
        IsAllowed = isAllowed;
        Required = required;
        _explanation = explanation;
        _namesCommand = namesCommand;
    }

    /// <summary>Whether the caller may run the command.</summary>
    public bool IsAllowed { get; }

    /// <summary>The level the command needs.</summary>
    public AccessLevel Required { get; }

    /// <summary>A permitted call.</summary>
    /// <param name="required">The level the command needs.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Allow(AccessLevel required) => new(true, required, "", namesCommand: false);

    /// <summary>
    /// A refusal rendered as "You need **level** access for `command`. <paramref name="explanation"/>".
    /// </summary>
    /// <param name="required">The level the command needs.</param>
    /// <param name="explanation">What grants the level, or where to ask for it.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision Deny(AccessLevel required, string explanation) =>
        new(false, required, explanation, namesCommand: true);

    /// <summary>A refusal whose message stands on its own (direct messages off, server not configured).</summary>
    /// <param name="required">The level the command needs.</param>
    /// <param name="message">The whole message.</param>
    /// <returns>The decision.</returns>
    public static AccessDecision DenyWhere(AccessLevel required, string message) =>
        new(false, required, message, namesCommand: false);

    /// <summary>The message for the user (Markdown), empty when allowed.</summary>
    /// <param name="command">The command as the user typed it, e.g. <c>/ml train</c>; shown in backticks.</param>
    /// <returns>The message.</returns>
    public string MessageFor(string command)
    {
        if (IsAllowed)
            return "";
        return _namesCommand
            ? $"You need **{AccessLevelNames.Display(Required)}** access for `{command}`. {_explanation}"
            : _explanation;
    }
}
