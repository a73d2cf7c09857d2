using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>SQLite connection string; the file holds subscriptions, watch state, training runs and the audit log.</summary>
    public string ConnectionString { get; set; } = "Data Source=labelstudio-ml-bot.db";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("Storage:ConnectionString is empty. Set it to an SQLite connection string such as "
                + "'Data Source=labelstudio-ml-bot.db' (environment variable Storage__ConnectionString).")
            : ValidateOptionsResult.Success;
}
