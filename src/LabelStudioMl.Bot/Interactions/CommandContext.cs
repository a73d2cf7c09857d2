using LabelStudioMl.Bot.Access;

namespace LabelStudioMl.Bot.Interactions;

/// <summary>
/// What a command runs with: the caller, the parsed options and the interaction's id; <paramref name="Responder"/>
/// lets a command change its answer later (a confirmation that expires edits <c>@original</c> itself).
/// </summary>
public sealed record CommandContext(Caller Caller, CommandOptions Options, string InteractionId, CommandDeclaration Declaration, IInteractionResponder? Responder = null);
