using LabelStudioMl.Bot.LabelStudio.Models;

namespace LabelStudioMl.Bot.Presentation;

/// <summary>One summary line with the count per state: <c>12 backends · 🟢 9 · 🔴 2 · ⚪ 1</c>.</summary>
internal static class StateSummary
{
    private static readonly string[] Order = ["CO", "ER", "DI", "TR", "PR"];

    /// <summary>The summary of <paramref name="backends"/>; states without backends are left out.</summary>
    public static string Of(IReadOnlyCollection<MlBackend> backends)
    {
        var counts = backends.GroupBy(b => b.State).ToDictionary(g => g.Key, g => g.Count());
        var parts = new List<string> { NumberText.Count(backends.Count, "backend") };
        foreach (var code in Order)
        {
            if (counts.TryGetValue(new MlBackendState(code), out var count))
                parts.Add($"{StateStyle.For(new MlBackendState(code)).Emoji} {count}");
        }

        var unknown = counts.Where(pair => !pair.Key.IsKnown).Sum(pair => pair.Value);
        if (unknown > 0)
            parts.Add($"{StateStyle.UnknownEmoji} {unknown}");
        return string.Join(" · ", parts);
    }
}
