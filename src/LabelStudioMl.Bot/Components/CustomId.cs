namespace LabelStudioMl.Bot.Components;

/// <summary>
/// The custom id of a button the bot sends: <c>ml:{kind}:{session}:{argument}</c>, where <c>kind</c> names the
/// handler (<c>page</c>, <c>remove</c>), <c>session</c> the entry of a <see cref="BoundedSessions{T}"/> behind it and
/// <c>argument</c> what the button asks for (a page number, yes or no). Discord returns it with the press unchanged,
/// and a button press is user input like any other: <see cref="TryRead"/> accepts only this exact shape.
/// </summary>
internal readonly record struct CustomId(string Kind, string Session, string Argument)
{
    private const string Root = "ml";

    /// <summary>The text every custom id of <paramref name="kind"/> starts with.</summary>
    public static string PrefixOf(string kind) => $"{Root}:{kind}:";

    /// <summary>Whether <paramref name="text"/> is a custom id of <paramref name="kind"/>, whatever its parts.</summary>
    public static bool IsOf(string? text, string kind) => text?.StartsWith(PrefixOf(kind), StringComparison.Ordinal) == true;

    /// <summary>Reads a custom id of <paramref name="kind"/> with a non-empty session and argument; false for anything else.</summary>
    public static bool TryRead(string? text, string kind, out CustomId id)
    {
        id = default;
        if (!IsOf(text, kind))
            return false;
        var parts = text![PrefixOf(kind).Length..].Split(':');
        if (parts is not [{ Length: > 0 } session, { Length: > 0 } argument])
            return false;
        id = new CustomId(kind, session, argument);
        return true;
    }

    /// <summary>The text that goes into the button.</summary>
    public override string ToString() => $"{PrefixOf(Kind)}{Session}:{Argument}";
}
