namespace LabelStudioMl.Bot.Hosting;

/// <summary>What the process was started to do (architecture contract: no verb, <c>check</c>, <c>console</c>).</summary>
internal enum ProcessVerb
{
    Run,
    Check,
    Console,
}

internal static class ProcessVerbParser
{
    /// <summary>
    /// Splits the verb from the rest. Arguments that start with <c>-</c> or hold <c>=</c> are configuration overrides
    /// (<c>--LabelStudio:Url=…</c>) and leave the verb as <see cref="ProcessVerb.Run"/>.
    /// </summary>
    public static bool TryParse(string[] args, out ProcessVerb verb, out string[] rest, out string? unknown)
    {
        verb = ProcessVerb.Run;
        rest = args;
        unknown = null;
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=', StringComparison.Ordinal))
            return true;

        rest = args[1..];
        switch (args[0].ToLowerInvariant())
        {
            case "run":
                return true;
            case "check":
                verb = ProcessVerb.Check;
                return true;
            case "console":
                verb = ProcessVerb.Console;
                return true;
            default:
                unknown = args[0];
                return false;
        }
    }
}
