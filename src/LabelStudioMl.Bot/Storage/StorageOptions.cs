using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>SQLite connection string; the file holds subscriptions, watch state, training runs and the audit log.</summary>
    public string ConnectionString { get; set; } = "Data Source=labelstudio-ml-bot.db";

    /// <summary>How often the bot writes one probe row to notice a read-only, full or deleted store while nothing else writes.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private static readonly TimeSpan MinCheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is empty. Set it to an SQLite connection string such as "
                + "'Data Source=labelstudio-ml-bot.db' (environment variable Storage__ConnectionString).");
        }

        if (options.CheckInterval < MinCheckInterval || options.CheckInterval > MaxCheckInterval)
        {
            failures.Add($"Storage:CheckInterval must be between {MinCheckInterval:c} and {MaxCheckInterval:c}, such as 00:00:10 "
                + "(environment variable Storage__CheckInterval).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
