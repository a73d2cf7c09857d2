using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Catalog;

/// <summary>The <c>Catalog</c> configuration section: how often the autocomplete cache is refreshed.</summary>
public sealed class CatalogSettings
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// Time between refreshes of the projects and backends offered by autocomplete. Each refresh lists every project's
    /// backends, and Label Studio health-checks each of them while listing, so this is kept modest.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Refuses refresh intervals that would hammer Label Studio or break the timer, at start (exit code 2).</summary>
internal sealed class CatalogSettingsValidator : IValidateOptions<CatalogSettings>
{
    public ValidateOptionsResult Validate(string? name, CatalogSettings options) =>
        options.RefreshInterval >= TimeSpan.FromSeconds(10) && options.RefreshInterval <= TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Catalog:RefreshInterval must be between 00:00:10 and 1.00:00:00, e.g. 00:05:00 "
                + "(environment variable Catalog__RefreshInterval).");
}
