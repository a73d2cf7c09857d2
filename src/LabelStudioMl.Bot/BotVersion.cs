using System.Reflection;

namespace LabelStudioMl.Bot;

/// <summary>
/// The bot's version, set once in <c>Directory.Build.props</c> (<c>Version</c>) or at publish time
/// (<c>-p:Version=…</c>, as the Dockerfile does): <c>--version</c>, the start-up line and <c>/healthz</c> print it, and
/// the User-Agent of every Label Studio and Discord request carries it (the three projects share the version).
/// </summary>
internal static class BotVersion
{
    /// <summary>The product and its version: <c>LabelStudioMl.Bot 0.1.0</c>.</summary>
    public static string Text => $"LabelStudioMl.Bot {Number}";

    /// <summary>The version without build metadata: <c>0.1.0</c>.</summary>
    public static string Number { get; } =
        typeof(BotVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
