namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>Commands that Discord would reject; nothing was sent.</summary>
public sealed class InvalidApplicationCommandException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">One line per problem.</param>
    public InvalidApplicationCommandException(IReadOnlyList<string> problems)
        : base("Invalid application commands (nothing was sent to Discord):" + Environment.NewLine + string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public InvalidApplicationCommandException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidApplicationCommandException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidApplicationCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
