namespace LabelStudioMl.Bot.Hosting;

/// <summary>Prints the problems of <see cref="SettingsSections"/> the way the bot refuses to start on them.</summary>
internal static class ConfigurationCheck
{
    public static void Print(IReadOnlyList<string> failures, TextWriter writer)
    {
        writer.WriteLine($"Configuration is incomplete ({failures.Count} problem{(failures.Count == 1 ? "" : "s")}):");
        foreach (var failure in failures)
            writer.WriteLine($"  - {failure}");
        writer.WriteLine("Settings come from appsettings.json next to the binary, then environment variables (Section__Key), then --Section:Key=value arguments.");
    }
}
