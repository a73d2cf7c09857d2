namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// One option as a transport received it, before it is checked against the declaration: its text, and the value the
/// transport already typed when it has one (Discord sends numbers and booleans as JSON numbers and booleans, and the
/// role a role option names).
/// </summary>
public sealed record GivenOption(string Name, string? Text)
{
    /// <summary>The value as a whole number, when the transport sent one.</summary>
    public long? WholeNumber { get; init; }

    /// <summary>The value as a number, when the transport sent one.</summary>
    public double? Number { get; init; }

    /// <summary>The value as true or false, when the transport sent one.</summary>
    public bool? YesNo { get; init; }

    /// <summary>The role a role option names, as the transport described it.</summary>
    public MentionRole? Role { get; init; }
}

/// <summary>A server role as far as a mention of it goes: whether anyone may mention it (and so ping its members).</summary>
public sealed record MentionRole(string Id, string Name, bool Mentionable);
