namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>Which configured time limit applies to a request: train and predict have their own, writes share one, reads another.</summary>
internal static class LabelStudioTimeouts
{
    public static TimeSpan For(LabelStudioSettings options, HttpMethod method, string path)
    {
        if (path.EndsWith("/train", StringComparison.Ordinal))
            return options.TrainTimeout;
        if (path.EndsWith("/interactive-annotating", StringComparison.Ordinal))
            return options.PredictTimeout;
        return method == HttpMethod.Get ? options.ReadTimeout : options.WriteTimeout;
    }
}
