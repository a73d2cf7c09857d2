using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using LabelStudioMl.Bot.Access;
using LabelStudioMl.Bot.Catalog;
using LabelStudioMl.Bot.Discord;
using LabelStudioMl.Bot.Features.Train;
using LabelStudioMl.Bot.Features.Watch;
using LabelStudioMl.Bot.Health;
using LabelStudioMl.Bot.Interactions;
using LabelStudioMl.Bot.LabelStudio;
using LabelStudioMl.Bot.Replicas;
using LabelStudioMl.Bot.Storage;
using LabelStudioMl.Bot.Transports.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>
/// One settings section the bot reads: <see cref="Problems"/> reads it exactly as the bot does (binding, then its
/// validator) and returns one line per problem instead of throwing.
/// </summary>
internal sealed class SettingsSection(string name, Type options, Func<IServiceProvider, IReadOnlyList<string>> problems)
{
    public string Name { get; } = name;

    /// <summary>The options type bound from the section.</summary>
    public Type Options { get; } = options;

    public IReadOnlyList<string> Problems(IServiceProvider services) => problems(services);

    public static SettingsSection Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string name)
        where TOptions : class => new(name, typeof(TOptions), ProblemsOf<TOptions>);

    private static IReadOnlyList<string> ProblemsOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceProvider services)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (InvalidOperationException e) when (SettingConversion.Describe(e) is { } problem)
        {
            return [problem];
        }
    }
}

/// <summary>Every section the bot binds, in the order <c>check</c> and the start report them.</summary>
internal static class SettingsSections
{
    public static IReadOnlyList<SettingsSection> All { get; } =
    [
        SettingsSection.Of<LabelStudioSettings>(LabelStudioSettings.SectionName),
        SettingsSection.Of<DiscordSettings>(DiscordSettings.SectionName),
        // Bound from the Discord section too (PublicKey, Interactions); named apart so check's lines say which part is meant.
        SettingsSection.Of<InteractionEndpointSettings>(InteractionEndpointSettings.CheckName),
        SettingsSection.Of<StorageSettings>(StorageSettings.SectionName),
        SettingsSection.Of<AccessSettings>(AccessSettings.SectionName),
        SettingsSection.Of<CatalogSettings>(CatalogSettings.SectionName),
        SettingsSection.Of<CommandSettings>(CommandSettings.SectionName),
        SettingsSection.Of<TrainingSettings>(TrainingSettings.SectionName),
        SettingsSection.Of<WatchSettings>(WatchSettings.SectionName),
        SettingsSection.Of<HealthSettings>(HealthSettings.SectionName),
        SettingsSection.Of<LeaderSettings>(LeaderSettings.SectionName),
        SettingsSection.Of<LogLevels>(LogLevels.SectionName),
    ];

    /// <summary>The problems of every section, in order.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services) => [.. All.SelectMany(s => s.Problems(services))];
}

/// <summary>
/// Turns the settings binder's "Failed to convert configuration value … at 'Key' to type 'T'" into a line naming
/// the key, the form it takes and its environment variable. The value itself is left out: it may be a secret typed
/// into the wrong key.
/// </summary>
internal static partial class SettingConversion
{
    public static string? Describe(InvalidOperationException exception)
    {
        var match = FailedConversion().Match(exception.Message);
        if (!match.Success)
            return null;
        var key = match.Groups["key"].Value;
        return $"{key} is not {Form(match.Groups["type"].Value)} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).";
    }

    /// <summary>The choices of the settings that take one of a few names.</summary>
    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        [typeof(StorageProvider).FullName!] = Enum.GetNames<StorageProvider>(),
        [typeof(InteractionMode).FullName!] = Enum.GetNames<InteractionMode>(),
    };

    private static string Form(string type) => type switch
    {
        _ when Choices.TryGetValue(type, out var names) => $"one of {string.Join(", ", names[..^1])} or {names[^1]}",
        _ when type.Contains("System.TimeSpan", StringComparison.Ordinal) =>
            "a duration: write hours:minutes:seconds, such as 00:01:00 for one minute, or days.hours:minutes:seconds, such as 1.00:00:00 for a day",
        _ when type.Contains("System.Int32", StringComparison.Ordinal) || type.Contains("System.Int64", StringComparison.Ordinal) =>
            "a whole number, such as 3",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("System.Double", StringComparison.Ordinal) => "a number, such as 2.5",
        _ => $"a value of type {type}",
    };

    // The binder's wording, with the value (newer binders quote it) or without.
    [GeneratedRegex(@"^Failed to convert configuration value .*?at '(?<key>[^']+)' to type '(?<type>[^']+)'\.$", RegexOptions.Singleline)]
    private static partial Regex FailedConversion();
}
