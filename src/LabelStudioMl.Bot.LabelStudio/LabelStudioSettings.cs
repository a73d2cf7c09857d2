namespace LabelStudioMl.Bot.LabelStudio;

/// <summary>The <c>LabelStudio</c> configuration section.</summary>
public sealed class LabelStudioSettings
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "LabelStudio";

    /// <summary>Base URL of Label Studio, e.g. <c>http://localhost:8080</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>A legacy token or a personal access token (a JWT is detected and exchanged for access tokens).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// Time allowed for one attempt of a read. Label Studio health-checks every backend synchronously on each read, so a
    /// project with dead backends can take many seconds.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a read (GET) is retried after a transient failure. Writes are never retried.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Time allowed for add, update and remove (each calls the ML server up to four times).</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for <c>/train</c>, which may block until training ends.</summary>
    public TimeSpan TrainTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time allowed for interactive annotating (Label Studio waits up to 100 s for the ML server).</summary>
    public TimeSpan PredictTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The largest answer read from Label Studio, in MiB. A larger one is refused as soon as it is seen (from its
    /// <c>Content-Length</c>, or while it streams in), so a runaway answer cannot exhaust the bot's memory.
    /// </summary>
    public int MaxResponseMiB { get; set; } = 8;

    /// <summary>The base URL as a <see cref="Uri"/> without a trailing slash; valid once the options validated.</summary>
    public Uri BaseUri => new(Url.TrimEnd('/'), UriKind.Absolute);
}
