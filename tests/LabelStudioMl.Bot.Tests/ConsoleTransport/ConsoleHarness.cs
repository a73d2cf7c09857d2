using LabelStudioMl.Bot.Hosting;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Testing.LabelStudio;
using LabelStudioMl.Bot.Tests.Storage;
using LabelStudioMl.Bot.Transports.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LabelStudioMl.Bot.Tests.ConsoleTransport;

/// <summary>
/// The console's host (as the <c>console</c> verb builds it) with two stand-in commands added the way any new command
/// is: <see cref="PagesCommand"/> (view, a three-page reply whose Prev/Next the product's page buttons answer) and <see cref="WipeCommand"/> (admin).
/// Runs scripts through <see cref="ConsoleSession"/> and returns what was printed.
/// </summary>
internal sealed class ConsoleHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly FakeLabelStudio _labelStudio;
    private readonly TemporaryDatabase _database;

    private ConsoleHarness(IHost host, FakeLabelStudio labelStudio, TemporaryDatabase database)
    {
        _host = host;
        _labelStudio = labelStudio;
        _database = database;
    }

    public WipeCommand Wipe => _host.Services.GetServices<ISlashCommand>().OfType<WipeCommand>().Single();

    public static async Task<ConsoleHarness> StartAsync(params string[] settings)
    {
        var labelStudio = await FakeLabelStudio.StartAsync();
        var database = new TemporaryDatabase();
        string[] args =
        [
            $"--LabelStudio:Url={labelStudio.BaseUrl}",
            $"--LabelStudio:ApiKey={labelStudio.LegacyToken}",
            .. database.Store.Arguments,
            "--Discord:ApiBaseUrl=http://127.0.0.1:9",
            .. settings,
        ];
        var builder = BotHost.CreateBuilder(args, ProcessVerb.Console);
        builder.Services.AddSingleton<ISlashCommand, PagesCommand>();
        builder.Services.AddSingleton<ISlashCommand, WipeCommand>();
        var host = builder.Build();
        await host.Services.GetRequiredService<BotDatabase>().MigrateAsync();
        return new ConsoleHarness(host, labelStudio, database);
    }

    /// <summary>Runs the lines; returns how many failed and the printed text.</summary>
    public async Task<(int Failures, string Output)> RunAsync(params string[] lines)
    {
        using var writer = new StringWriter();
        var session = ActivatorUtilities.CreateInstance<ConsoleSession>(_host.Services, new ConsoleOutput(writer, TimeProvider.System));
        var failures = await session.RunAsync(new StringReader(string.Join('\n', lines)), CancellationToken.None);
        return (failures, writer.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _labelStudio.DisposeAsync();
        _database.Dispose();
    }
}
