namespace LabelStudioMl.Bot.Discord.Commands;

/// <summary>Placeholder.</summary>
public sealed class CommandRegistrar;
