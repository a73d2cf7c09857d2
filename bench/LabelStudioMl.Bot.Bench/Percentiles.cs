namespace LabelStudioMl.Bot.Bench;

/// <summary>Nearest-rank percentiles of one series of milliseconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new InvalidOperationException("No samples: every operation of the phase failed.");
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
