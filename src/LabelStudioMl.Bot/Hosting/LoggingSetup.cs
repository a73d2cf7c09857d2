using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// Serilog from the <c>Serilog</c> section: readable console lines by default, compact JSON when
/// <c>Logging:Format</c> is <c>json</c>. The <c>check</c> and <c>console</c> verbs own standard output, so their
/// logs go to standard error and only from warnings up.
/// </summary>
internal static class LoggingSetup
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void AddBotLogging(this IServiceCollection services, IConfiguration configuration, ProcessVerb verb)
    {
        var json = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        var toStandardError = verb != ProcessVerb.Run ? LogEventLevel.Verbose : (LogEventLevel?)null;
        // preserveStaticLogger: each host keeps its own logger, so hosts never write into each other's sinks.
        services.AddSerilog(preserveStaticLogger: true, configureLogger: (_, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext();
            if (verb != ProcessVerb.Run)
                logger.MinimumLevel.Warning();

            if (json)
                logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStandardError);
            else
                logger.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: toStandardError, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        });
    }
}
