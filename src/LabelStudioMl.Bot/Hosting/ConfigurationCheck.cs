using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudioMl.Bot.Hosting;

/// <summary>Runs the options validators and returns their failure lines instead of throwing.</summary>
internal static class ConfigurationCheck
{
    /// <summary>Every failure of every options type registered with <c>ValidateOnStart</c>.</summary>
    public static IReadOnlyList<string> All(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)];
        }
    }

    /// <summary>The failures of one section.</summary>
    public static IReadOnlyList<string> Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceProvider services)
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
    }

    public static void Print(IReadOnlyList<string> failures, TextWriter writer)
    {
        writer.WriteLine($"Configuration is incomplete ({failures.Count} problem{(failures.Count == 1 ? "" : "s")}):");
        foreach (var failure in failures)
            writer.WriteLine($"  - {failure}");
        writer.WriteLine("Settings come from appsettings.json next to the binary, then environment variables (Section__Key), then --Section:Key=value arguments.");
    }
}
