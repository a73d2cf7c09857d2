namespace LabelStudioMl.Bot.Discord.Doctor;

/// <summary>Placeholder.</summary>
public sealed class DiscordDoctor;
