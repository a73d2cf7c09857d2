namespace LabelStudioMl.Bot.Discord.Doctor;

/// <summary>One line of the <c>check</c> report.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Ok">Whether it is fine.</param>
/// <param name="Detail">What was found (never the token).</param>
/// <param name="Fix">How to fix it, when not fine.</param>
/// <param name="Warning">Not fine, but the bot mends it by itself (commands not registered yet): report, do not fail.</param>
public sealed record DoctorCheck(string Name, bool Ok, string Detail, string? Fix, bool Warning = false);
