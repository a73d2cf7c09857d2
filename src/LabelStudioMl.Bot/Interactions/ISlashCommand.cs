namespace LabelStudioMl.Bot.Interactions;

/// <summary>A <c>/ml</c> subcommand: one file each under <c>Commands/</c>.</summary>
public interface ISlashCommand
{
    /// <summary>Name, options, access level and visibility.</summary>
    CommandDeclaration Declaration { get; }

    /// <summary>
    /// Checks the options before the bot acknowledges the command, so a bad input gets a private answer at once.
    /// Returns the problem, or null when the input is fine. Must not call Label Studio.
    /// </summary>
    string? Validate(CommandOptions options) => null;

    /// <summary>
    /// Runs the command after the bot deferred and says how it ended (<see cref="CommandResult"/>; a reply converts to
    /// <see cref="CommandResult.Shown"/>). A <c>LabelStudioException</c> from the client, or a
    /// <see cref="CommandInputException"/> from an option accessor, is taken as <see cref="CommandResult.Failed"/> or
    /// <see cref="CommandResult.BadInput"/>.
    /// </summary>
    Task<CommandResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the reply is shown, with its message id (null on the console), for commands that answer again
    /// later: a late training result replies to that message.
    /// </summary>
    Task RepliedAsync(CommandContext context, string? messageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A caller's input that cannot be used; the message says what is wrong and how to fix it.</summary>
public sealed class CommandInputException(string message) : Exception(message);
