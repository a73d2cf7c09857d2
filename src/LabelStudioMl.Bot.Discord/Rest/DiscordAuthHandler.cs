using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Discord.Rest;

/// <summary>Adds <c>Authorization: Bot &lt;token&gt;</c> and the mandatory <c>User-Agent: DiscordBot (url, version)</c> to every request.</summary>
/// <param name="options">Supplies the token.</param>
public sealed class DiscordAuthHandler(IOptionsMonitor<DiscordSettings> options) : DelegatingHandler
{
    /// <summary>The repository URL in the User-Agent.</summary>
    public const string RepositoryUrl = "https://github.com/labelstudioml-bot/LabelStudioMl.Bot";

    /// <summary>The User-Agent sent with every request (REF: missing or invalid ones get a Cloudflare 403).</summary>
    public static string UserAgent { get; } = $"DiscordBot ({RepositoryUrl}, {LibraryVersion()})";

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.CurrentValue.Token.Trim());
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return base.SendAsync(request, cancellationToken);
    }

    private static string LibraryVersion()
    {
        var version = typeof(DiscordAuthHandler).Assembly.GetName().Version;
        return version is null ? "0.0.0" : $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
