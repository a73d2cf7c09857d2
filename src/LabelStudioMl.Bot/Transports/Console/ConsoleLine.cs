namespace LabelStudioMl.Bot.Transports.Console;

/// <summary>One line typed on the console, as <see cref="ConsoleLineParser"/> understood it.</summary>
internal abstract record ConsoleLine
{
    /// <summary>An empty line or a <c>#</c> comment: nothing to do.</summary>
    public sealed record Blank : ConsoleLine;

    /// <summary>A subcommand with its options as typed (<c>backend:12</c> → <c>backend</c> = <c>12</c>).</summary>
    public sealed record Command(string Name, IReadOnlyDictionary<string, string> Options) : ConsoleLine;

    /// <summary>A number: press that button (1-based) of the last message that showed buttons.</summary>
    public sealed record Press(int Number) : ConsoleLine;

    /// <summary><c>wait 30s</c>: the console waits (alerts and results print as they come) before it reads on.</summary>
    public sealed record Wait(TimeSpan Length) : ConsoleLine;

    /// <summary>A line that could not be read, with the reason and the usage.</summary>
    public sealed record Unreadable(string Message) : ConsoleLine;
}
