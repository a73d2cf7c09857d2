using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>Logs once at start what the bot talks to (addresses and key kinds, never the keys).</summary>
internal sealed partial class StartupBanner(IOptions<LabelStudioSettings> labelStudio, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = labelStudio.Value;
        LogStarting(BotVersion.Number, UrlText.Redact(options.Url), LabelStudioApiKey.Parse(options.ApiKey.Trim()).ToString());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "LabelStudioMl.Bot {Version} starting; Label Studio at {LabelStudioUrl} with a {KeyKind}")]
    private partial void LogStarting(string version, string labelStudioUrl, string keyKind);
}
