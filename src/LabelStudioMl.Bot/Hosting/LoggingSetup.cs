using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// Serilog with the levels of <c>Serilog:MinimumLevel</c>: readable console lines by default, compact JSON when
/// <c>Logging:Format</c> is <c>json</c>. The <c>check</c> and <c>console</c> verbs own standard output, so their
/// logs go to standard error and only from warnings up. The running bot writes through <see cref="ConsoleLogQueue"/>,
/// so it never waits for the console.
/// </summary>
internal static class LoggingSetup
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void AddBotLogging(this IServiceCollection services, IConfiguration configuration, ProcessVerb verb)
    {
        var json = string.Equals(configuration[LogLevels.FormatKey]?.Trim(), "json", StringComparison.OrdinalIgnoreCase);
        var toStandardError = verb != ProcessVerb.Run ? LogEventLevel.Verbose : (LogEventLevel?)null;
        var levels = LogLevels.From(configuration);
        services.AddOptions<LogLevels>().Configure(l => l.CopyFrom(levels)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LogLevels>, LogLevelsValidator>();

        // preserveStaticLogger: each host keeps its own logger, so hosts never write into each other's sinks.
        // Sinks registered as ILogEventSink services also receive every event (the tests capture lines this way).
        services.AddSerilog(preserveStaticLogger: true, configureLogger: (provider, logger) =>
        {
            logger.ReadFrom.Services(provider).MinimumLevel.Is(verb == ProcessVerb.Run ? levels.Default : LogEventLevel.Warning).Enrich.FromLogContext()
                .Enrich.With<HeaderValuesEnricher>().Enrich.With<InvisibleTextEnricher>();
            foreach (var (source, level) in levels.Overrides)
                logger.MinimumLevel.Override(source, level);

            void Console(LoggerSinkConfiguration to)
            {
                if (json)
                    to.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStandardError);
                else
                    to.Console(outputTemplate: TextTemplate, standardErrorFromLevel: toStandardError, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            if (verb == ProcessVerb.Run)
                logger.WriteTo.Sink(provider.GetRequiredService<ConsoleLogQueue>().Into(LoggerSinkConfiguration.CreateSink(Console)));
            else
                Console(logger.WriteTo);
        });
        if (verb == ProcessVerb.Run)
        {
            services.AddSingleton<ConsoleLogQueue>();
            services.AddHostedService<LogDropReporter>();
        }
    }
}

/// <summary>
/// <c>Serilog:MinimumLevel</c>: either one level (<c>"Debug"</c>) or <c>Default</c> plus <c>Override:&lt;source&gt;</c>
/// levels, read straight from configuration (no reflection, so the Native AOT binary reads them the same way).
/// </summary>
internal sealed class LogLevels
{
    public const string SectionName = "Serilog:MinimumLevel";

    /// <summary>The setting that picks readable lines (<c>text</c>, the default) or compact JSON (<c>json</c>).</summary>
    public const string FormatKey = "Logging:Format";

    public LogEventLevel Default { get; private set; } = LogEventLevel.Information;

    public IReadOnlyDictionary<string, LogEventLevel> Overrides { get; private set; } = new Dictionary<string, LogEventLevel>();

    /// <summary>Settings that are not a level, as <c>(key, value)</c>; unusable values fall back to the defaults.</summary>
    public IReadOnlyList<(string Key, string Value)> Unreadable { get; private set; } = [];

    /// <summary><c>Logging:Format</c> when it is neither <c>text</c> nor <c>json</c> (a typo would silently give text).</summary>
    public string? UnknownFormat { get; private set; }

    public static LogLevels From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var unreadable = new List<(string, string)>();
        var levels = new LogLevels();
        if (Read(section.Value ?? section["Default"], section.Value is null ? $"{SectionName}:Default" : SectionName, unreadable) is { } level)
            levels.Default = level;

        var overrides = new Dictionary<string, LogEventLevel>(StringComparer.Ordinal);
        foreach (var child in section.GetSection("Override").GetChildren())
        {
            if (Read(child.Value, child.Path, unreadable) is { } overridden)
                overrides[child.Key] = overridden;
        }

        levels.Overrides = overrides;
        levels.Unreadable = unreadable;
        var format = configuration[FormatKey]?.Trim();
        if (!string.IsNullOrEmpty(format) && !format.Equals("text", StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
            levels.UnknownFormat = format;
        return levels;
    }

    public void CopyFrom(LogLevels other)
    {
        Default = other.Default;
        Overrides = other.Overrides;
        Unreadable = other.Unreadable;
        UnknownFormat = other.UnknownFormat;
    }

    private static LogEventLevel? Read(string? value, string key, List<(string, string)> unreadable)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (Enum.TryParse<LogEventLevel>(value.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level))
            return level;
        unreadable.Add((key, value));
        return null;
    }
}

/// <summary>Refuses a log level that is not one of Serilog's six, and a log format that is neither text nor json, at start (exit code 2).</summary>
internal sealed class LogLevelsValidator : IValidateOptions<LogLevels>
{
    public ValidateOptionsResult Validate(string? name, LogLevels options)
    {
        var failures = options.Unreadable.Select(u =>
            $"{u.Key} is '{u.Value}', which is not a log level. Use one of Verbose, Debug, Information, Warning, Error, Fatal "
            + $"(environment variable {u.Key.Replace(":", "__", StringComparison.Ordinal)}).").ToList();
        if (options.UnknownFormat is { } format)
            failures.Add($"{LogLevels.FormatKey} is '{format}', which is not a log format. Use text (readable lines, the default) or json (compact JSON, one event per line) (environment variable Logging__Format).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
