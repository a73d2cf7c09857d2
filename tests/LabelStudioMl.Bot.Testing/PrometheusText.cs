using System.Globalization;

namespace LabelStudioMl.Bot.Testing;

/// <summary>Reads one sample out of a Prometheus text exposition (the bot's <c>/metrics</c>).</summary>
public static class PrometheusText
{
    /// <summary>The value of the series <paramref name="name"/> carrying every label in <paramref name="labels"/>; 0 when absent.</summary>
    public static double Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
                continue;
            var end = line.LastIndexOf('}');
            var labelText = end < 0 ? "" : line[..end];
            if (labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                return double.Parse(line[(end + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return 0;
    }
}
