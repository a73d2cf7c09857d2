using Microsoft.Extensions.Options;
using Npgsql;

namespace LabelStudioMl.Bot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageSettings
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <see cref="StorageProvider.Sqlite"/> (one file, one bot process: the default) or
    /// <see cref="StorageProvider.Postgres"/> (a database that several bot processes share).
    /// </summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The store's connection string: SQLite's (<c>Data Source=file</c>) or Npgsql's (<c>Host=…;Database=…;Username=…</c>).
    /// It holds subscriptions, watch state, training runs, the outbox and the audit log.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=labelstudio-ml-bot.db";

    /// <summary>How often the bot writes one probe row to notice a read-only, full or deleted store while nothing else writes.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class StorageSettingsValidator : IValidateOptions<StorageSettings>
{
    private static readonly TimeSpan MinCheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, StorageSettings options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be Sqlite or Postgres (environment variable Storage__Provider).");
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(options.Provider == StorageProvider.Postgres
                ? $"Storage:ConnectionString is empty. {PostgresExample}"
                : "Storage:ConnectionString is empty. Set it to an SQLite connection string such as "
                  + "'Data Source=labelstudio-ml-bot.db' (environment variable Storage__ConnectionString).");
        }
        else if (options.Provider == StorageProvider.Postgres && PostgresProblem(options.ConnectionString) is { } problem)
        {
            failures.Add($"Storage:ConnectionString is not a PostgreSQL connection string ({problem}). {PostgresExample}");
        }

        if (options.CheckInterval < MinCheckInterval || options.CheckInterval > MaxCheckInterval)
        {
            failures.Add($"Storage:CheckInterval must be between {MinCheckInterval:c} and {MaxCheckInterval:c}, such as 00:00:10 "
                + "(environment variable Storage__CheckInterval).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private const string PostgresExample = "With Storage:Provider=Postgres, set it to an Npgsql connection string such as "
        + "'Host=db.internal;Database=labelstudio_ml_bot;Username=bot;Password=…' (environment variable Storage__ConnectionString; "
        + "keep the password in a secret).";

    /// <summary>What keeps Npgsql from using the string, without echoing it (it may hold a password); null when it is usable.</summary>
    private static string? PostgresProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host" : null;
        }
        catch (ArgumentException e)
        {
            // Npgsql names the keyword it does not know, never the value.
            return e.Message.Split('\n')[0].TrimEnd('.');
        }
    }
}
