namespace LabelStudioMl.Bot.Catalog;

/// <summary>The <c>Catalog</c> configuration section: how often the autocomplete cache is refreshed.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// Time between refreshes of the projects and backends offered by autocomplete. Each refresh lists every project's
    /// backends, and Label Studio health-checks each of them while listing, so this is kept modest.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
