using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.LabelStudio.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Catalog;

/// <summary>Refills the <see cref="BackendCatalog"/> from Label Studio at start and then every refresh interval.</summary>
internal sealed partial class BackendCatalogRefresher(
    BackendCatalog catalog,
    LabelStudioClient labelStudio,
    IOptions<CatalogSettings> options,
    TimeProvider time,
    ILogger<BackendCatalogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var projects = await labelStudio.GetProjectsAsync(title: null, cancellationToken);
            var backends = await labelStudio.ListAllBackendsAsync(projects, cancellationToken);
            catalog.Replace(projects, backends, time.GetUtcNow());
            LogRefreshed(projects.Count, backends.Count);
        }
        catch (LabelStudioException e)
        {
            // Autocomplete keeps offering what it knew; commands themselves report Label Studio's state.
            LogNotRefreshed(e.Message, e.Hint);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A background refresh must never stop the bot (an unhandled BackgroundService failure stops the host).
            LogRefreshFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Autocomplete catalog refreshed: {Projects} projects, {Backends} backends")]
    private partial void LogRefreshed(int projects, int backends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Autocomplete catalog not refreshed: {Message} {Hint}")]
    private partial void LogNotRefreshed(string message, string? hint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Autocomplete catalog not refreshed")]
    private partial void LogRefreshFailed(Exception exception);
}
