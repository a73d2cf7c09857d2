namespace LabelStudioMl.Bot.Interactions;

/// <summary>What a command runs with: the caller, the parsed options and the interaction's id.</summary>
public sealed record CommandContext(Caller Caller, CommandOptions Options, string InteractionId, CommandDeclaration Declaration);
